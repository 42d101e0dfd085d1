"""Writing the campaign index (gotong/search/postings.py) on each database, and turning a
query's words into the index's, which gotong/search/matching.py looks up: on PostgreSQL the
lexemes of the `indonesian` text-search configuration, computed in SQL; on SQLite the stems
of `gotong.search.stemmer`, in Python.
On both, typos are corrected against the vocabulary of gotong/search/vocabulary.py. Tables
are made by gotong/search/migrations/.

Only services (writes) and selectors (reads) call this module. Every value goes in as a
placeholder; the only parts put together in Python are constants of this module and of
postings.py.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from django.conf import settings
from django.db import connection
from django.db.backends.utils import CursorWrapper
from django.utils import translation

from gotong.campaigns.models import Campaign, Category
from gotong.search.matching import postings_lengths, postings_match
from gotong.search.postings import (
    ABOUT,
    LENGTHS_REBUILD,
    PG_SCORE,
    RANKED_INDEX,
    STORY,
    TITLE,
    Filters,
    Hits,
    postings_replaced,
    word_scores,
)
from gotong.search.stemmer import stem
from gotong.search.text import words
from gotong.search.vocabulary import (
    vocabulary_add,
    vocabulary_closest,
    vocabulary_replace,
    vocabulary_words,
)

CONFIG = "indonesian"


def category_names(code: str) -> str:
    """A category's name in each language of the site ("Pendidikan Education"): indexed with
    the campaign's summary, so a search for its category finds it."""
    label = dict(Category.choices).get(code)
    if label is None:
        return ""
    names = []
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            names.append(str(label))
    return " ".join(dict.fromkeys(names))


def _about(campaign: Campaign) -> str:
    return " ".join(
        (
            campaign.summary,
            campaign.beneficiary,
            campaign.location,
            category_names(campaign.category),
        )
    )


def _categories_sql() -> tuple[str, list[str]]:
    """Every category's names as a VALUES list `(code, names)`, for the SQL rebuild."""
    codes = list(Category.values)
    rows = ", ".join(["(%s, %s)"] * len(codes))
    params = [value for code in codes for value in (code, category_names(code))]
    return f"(VALUES {rows}) AS k(code, names)", params


class Backend:
    """What both databases do alike; subclasses write the index and find a query's words."""

    EMPTY = "DELETE FROM search_posting"

    def update(self, campaign: Campaign) -> None:
        about = _about(campaign)
        with connection.cursor() as cursor:
            cursor.execute(
                "DELETE FROM search_posting WHERE campaign_id = %s RETURNING word", [campaign.pk]
            )
            removed = [row[0] for row in cursor.fetchall()]
            added = self._insert(cursor, campaign, about)
        postings_replaced(removed=removed, added=added)
        vocabulary_add(vocabulary_words(" ".join((campaign.title, about, campaign.story))))

    def _insert(self, cursor: CursorWrapper, campaign: Campaign, about: str) -> list[str]:
        """Write one campaign's postings; their words."""
        raise NotImplementedError

    def rebuild(self) -> int:
        """Every campaign's postings, loaded without the ranked index (made again after, in
        one go), and the words' lengths; how many campaigns."""
        with connection.cursor() as cursor:
            cursor.execute(self.EMPTY)
            cursor.execute("DROP INDEX search_posting_ranked")
            count = self._load(cursor)
            cursor.execute(RANKED_INDEX)
            cursor.execute("DELETE FROM search_posting_length")
            cursor.execute(LENGTHS_REBUILD)
            cursor.execute("ANALYZE search_posting")
        return count

    def _load(self, cursor: CursorWrapper) -> int:
        """Write every campaign's postings and the vocabulary; how many campaigns."""
        raise NotImplementedError

    def terms_words(self, terms: Sequence[str]) -> list[list[tuple[str, int]]]:
        """Each query word's words in the index, each with how many campaigns it is on."""
        raise NotImplementedError

    def match(
        self,
        terms: Sequence[str],
        *,
        any_term: bool,
        filters: Filters,
        sort: str,
        limit: int,
        offset: int,
    ) -> Hits:
        """One page of the open campaigns with every word of `terms` (or some), the total."""
        found = [word for term in self.terms_words(terms) for word in term]
        return postings_match(
            found, any_word=any_term, filters=filters, sort=sort, limit=limit, offset=offset
        )

    def corrected(self, terms: Sequence[str]) -> list[str] | None:
        """None when every word of `terms` is in some indexed campaign. Otherwise `terms` with
        each word that occurs nowhere, probably misspelt, replaced by the most similar word of
        the vocabulary ("pekalongn" → "pekalongan"), if one is similar enough; words with
        nothing close stay as they are. A word with nothing to index counts as known."""
        known = [all(n for _word, n in found) for found in self.terms_words(terms)]
        if all(known):
            return None
        unknown = [t for t, ok in zip(terms, known, strict=True) if not ok]
        closest = dict(zip(unknown, vocabulary_closest(unknown), strict=True))
        return [t if ok else closest[t] or t for t, ok in zip(terms, known, strict=True)]


# The weighted document: title A, summary/beneficiary/location/category names B, story C.
PG_DOCUMENT = (
    f"setweight(to_tsvector('{CONFIG}', %s), 'A')"
    f" || setweight(to_tsvector('{CONFIG}', %s), 'B')"
    f" || setweight(to_tsvector('{CONFIG}', %s), 'C')"
)
PG_UPDATE = f"""
    INSERT INTO search_posting (campaign_id, word, score)
    SELECT %s, u.lexeme, {PG_SCORE} FROM unnest({PG_DOCUMENT}) AS u
    RETURNING word
"""  # noqa: S608 (fixed text)
# {categories} is `_categories_sql()`: the categories' names, joined by code.
PG_REBUILD = f"""
    INSERT INTO search_posting (campaign_id, word, score)
    SELECT c.id, u.lexeme, {PG_SCORE}
    FROM campaigns_campaign c LEFT JOIN {{categories}} ON k.code = c.category,
         unnest(
             setweight(to_tsvector('{CONFIG}', c.title), 'A')
             || setweight(
                 to_tsvector(
                     '{CONFIG}', concat_ws(' ', c.summary, c.beneficiary, c.location, k.names)
                 ),
                 'B'
             )
             || setweight(to_tsvector('{CONFIG}', c.story), 'C')
         ) AS u
"""  # noqa: S608 (fixed text)
# The vocabulary (gotong/search/vocabulary.py) from every campaign's words, in SQL.
PG_WORDS_REBUILD = """
    INSERT INTO search_word (word, campaigns)
    SELECT word, count(DISTINCT c.id)
    FROM campaigns_campaign c LEFT JOIN {categories} ON k.code = c.category,
         regexp_split_to_table(
             lower(concat_ws(' ', c.title, c.summary, c.beneficiary, c.location, k.names, c.story)),
             '[^[:alpha:]]+'
         ) AS word
    WHERE length(word) BETWEEN 3 AND 40
    GROUP BY word
"""
# Each query word's lexemes (several for a hyphenated word, none for punctuation), with how
# many campaigns each is on.
PG_TERMS_WORDS = f"""
    SELECT t.n, l.word, coalesce(k.campaigns, 0)
    FROM unnest(%s::text[]) WITH ORDINALITY AS t(term, n)
         CROSS JOIN unnest(tsvector_to_array(to_tsvector('{CONFIG}', t.term))) AS l(word)
         LEFT JOIN search_posting_length k ON k.word = l.word
"""  # noqa: S608 (fixed text)


class PostgresBackend(Backend):
    # Dropping the ranked index locks the table anyway; TRUNCATE leaves no dead rows.
    EMPTY = "TRUNCATE search_posting"

    def _insert(self, cursor: CursorWrapper, campaign: Campaign, about: str) -> list[str]:
        cursor.execute(PG_UPDATE, [campaign.pk, campaign.title, about, campaign.story])
        return [row[0] for row in cursor.fetchall()]

    def _load(self, cursor: CursorWrapper) -> int:
        categories, params = _categories_sql()
        cursor.execute(PG_REBUILD.format(categories=categories), params)
        cursor.execute("SELECT count(*) FROM campaigns_campaign")
        count = int(cursor.fetchone()[0])
        cursor.execute("DELETE FROM search_word")
        cursor.execute(PG_WORDS_REBUILD.format(categories=categories), params)
        cursor.execute("ANALYZE search_word")
        return count

    def terms_words(self, terms: Sequence[str]) -> list[list[tuple[str, int]]]:
        found: list[list[tuple[str, int]]] = [[] for _ in terms]
        with connection.cursor() as cursor:
            cursor.execute(PG_TERMS_WORDS, [list(terms)])
            for n, word, campaigns in cursor.fetchall():
                found[n - 1].append((word, int(campaigns)))
        return found


def _stems(text: str) -> list[str]:
    return [stem(w) for w in words(text)]


def sqlite_postings(pk: int, title: str, about: str, story: str) -> list[tuple[int, str, float]]:
    """A campaign's rows of the index: (campaign id, stem, score)."""
    scores = word_scores(((TITLE, _stems(title)), (ABOUT, _stems(about)), (STORY, _stems(story))))
    return [(pk, word, score) for word, score in scores.items()]


SQLITE_INSERT = "INSERT INTO search_posting (campaign_id, word, score) VALUES (%s, %s, %s)"


class SqliteBackend(Backend):
    def _insert(self, cursor: CursorWrapper, campaign: Campaign, about: str) -> list[str]:
        rows = sqlite_postings(campaign.pk, campaign.title, about, campaign.story)
        cursor.executemany(SQLITE_INSERT, rows)
        return [word for _pk, word, _score in rows]

    def _load(self, cursor: CursorWrapper) -> int:
        count = 0
        rows = Campaign.objects.order_by("id").values_list(
            "id", "title", "summary", "beneficiary", "location", "category", "story"
        )
        vocabulary: Counter[str] = Counter()
        batch: list[tuple[int, str, float]] = []
        for pk, title, summary, beneficiary, location, category, story in rows.iterator(2000):
            about = " ".join((summary, beneficiary, location, category_names(category)))
            batch += sqlite_postings(pk, title, about, story)
            vocabulary.update(vocabulary_words(" ".join((title, about, story))))
            count += 1
            if len(batch) >= 50_000:
                cursor.executemany(SQLITE_INSERT, batch)
                batch = []
        cursor.executemany(SQLITE_INSERT, batch)
        vocabulary_replace(vocabulary)
        return count

    def terms_words(self, terms: Sequence[str]) -> list[list[tuple[str, int]]]:
        stems = [stem(t) for t in terms]
        return [[pair] for pair in zip(stems, postings_lengths(stems), strict=True)]


def backend() -> Backend:
    return PostgresBackend() if connection.vendor == "postgresql" else SqliteBackend()
