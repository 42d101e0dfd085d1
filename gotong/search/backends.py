"""The two search indexes behind one interface: PostgreSQL full-text search (the `indonesian`
configuration, weighted tsvectors) and SQLite FTS5 over words stemmed by
`gotong.search.stemmer`; on both, typos are corrected against the vocabulary of
gotong/search/vocabulary.py. Tables are made by gotong/search/migrations/.

Only services (writes) and selectors (reads) call this module. Every value goes in as a
placeholder; the only parts put together in Python are constants of this module, the ORDER BY
clause (from `ORDERS`, keyed by `SearchSort`), the optional category condition, and one
`plainto_tsquery(…, %s)` (PostgreSQL) or quoted FTS5 string of stemmed letters and digits
(SQLite) per query word.
"""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from django.conf import settings
from django.db import connection
from django.db.backends.utils import CursorWrapper
from django.utils import translation

from gotong.campaigns.models import Campaign, Category
from gotong.search.text import stemmed
from gotong.search.vocabulary import (
    vocabulary_add,
    vocabulary_closest,
    vocabulary_replace,
    vocabulary_words,
)

CONFIG = "indonesian"
# ts_rank weights for D, C, B, A: story (C) counts a tenth of the title (A).
PG_WEIGHTS = "{0.05, 0.1, 0.4, 1.0}"
# bm25 weights per FTS5 column: title, about (summary, beneficiary, location), story.
SQLITE_WEIGHTS = (10.0, 4.0, 1.0)

# Sort orders after the ranking score ("score" in the statements); {rank} is the backend's
# best-first direction for its score. Ties fall back to the newest campaign.
ORDERS = {
    "relevan": "{rank}, c.published_at DESC, c.id DESC",
    "mendesak": "c.deadline ASC, {rank}, c.id DESC",
    "terbaru": "c.published_at DESC, c.id DESC",
    # Only campaigns nearly at their target are listed (Filters.nearly_funded).
    "hampir-tercapai": "c.collected * 10000 / c.target DESC, {rank}, c.id DESC",
    "donatur": "c.donor_count DESC, {rank}, c.id DESC",
}


@dataclass(frozen=True)
class Filters:
    """Which campaigns may be found: published, open on `today`, optionally one category, and
    with `nearly_funded` only those at `nearly_funded` percent of their target or more but
    not yet at it."""

    status: str
    today: datetime.date
    category: str | None
    nearly_funded: int | None = None

    def sql(self) -> tuple[str, list[Any]]:
        clause = "c.status = %s AND c.deadline >= %s"
        params: list[Any] = [self.status, connection.ops.adapt_datefield_value(self.today)]
        if self.category:
            clause += " AND c.category = %s"
            params.append(self.category)
        if self.nearly_funded is not None:
            clause += " AND c.collected * 100 >= c.target * %s AND c.collected < c.target"
            params.append(self.nearly_funded)
        return clause, params


@dataclass(frozen=True)
class Hits:
    """One page of campaign ids, best first, and how many matched in all."""

    ids: list[int]
    total: int


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


class Backend(Protocol):
    def update(self, campaign: Campaign) -> None: ...
    def rebuild(self) -> int: ...
    def match(
        self,
        terms: Sequence[str],
        *,
        any_term: bool,
        filters: Filters,
        sort: str,
        limit: int,
        offset: int,
    ) -> Hits: ...
    def corrected(self, terms: Sequence[str]) -> list[str] | None: ...


def hits_page(sql: str, params: list[Any], limit: int, offset: int) -> Hits:
    """Run a statement selecting (id, score, total) with LIMIT/OFFSET placeholders at its end.
    Past the last page the window count is lost with the rows, so count again from the top."""
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, limit, offset])
        rows = cursor.fetchall()
        if not rows and offset:
            cursor.execute(sql, [*params, 1, 0])
            first = cursor.fetchall()
            return Hits(ids=[], total=first[0][2] if first else 0)
    return Hits(ids=[row[0] for row in rows], total=rows[0][2] if rows else 0)


# The weighted document: title A, summary/beneficiary/location B, story C. The migration that
# creates the table fills it with the same expression.
PG_UPSERT = """
    INSERT INTO search_campaign_document (campaign_id, document)
    VALUES (
        %s,
        setweight(to_tsvector('indonesian', %s), 'A')
        || setweight(to_tsvector('indonesian', %s), 'B')
        || setweight(to_tsvector('indonesian', %s), 'C')
    )
    ON CONFLICT (campaign_id) DO UPDATE SET document = EXCLUDED.document
"""
# {categories} is `_categories_sql()`: the categories' names, joined by code.
PG_REBUILD = """
    INSERT INTO search_campaign_document (campaign_id, document)
    SELECT c.id,
           setweight(to_tsvector('indonesian', c.title), 'A')
           || setweight(
               to_tsvector(
                   'indonesian', concat_ws(' ', c.summary, c.beneficiary, c.location, k.names)
               ),
               'B'
           )
           || setweight(to_tsvector('indonesian', c.story), 'C')
    FROM campaigns_campaign c LEFT JOIN {categories} ON k.code = c.category
"""
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


class PostgresBackend:
    def update(self, campaign: Campaign) -> None:
        about = _about(campaign)
        with connection.cursor() as cursor:
            cursor.execute(PG_UPSERT, [campaign.pk, campaign.title, about, campaign.story])
        vocabulary_add(vocabulary_words(" ".join((campaign.title, about, campaign.story))))

    def rebuild(self) -> int:
        categories, params = _categories_sql()
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM search_campaign_document")
            cursor.execute(PG_REBUILD.format(categories=categories), params)
            count = cursor.rowcount
            cursor.execute("DELETE FROM search_word")
            cursor.execute(PG_WORDS_REBUILD.format(categories=categories), params)
            cursor.execute("ANALYZE search_campaign_document")
            cursor.execute("ANALYZE search_word")
        return count

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
        query = (" || " if any_term else " && ").join(
            [f"plainto_tsquery('{CONFIG}', %s)"] * len(terms)
        )
        where, params = filters.sql()
        # Match and rank in the search table first (the GIN index), then join the campaigns:
        # left to itself the planner may walk every campaign and test each document.
        sql = (
            "WITH m AS MATERIALIZED (SELECT d.campaign_id,"  # noqa: S608 (fixed text)
            f" ts_rank('{PG_WEIGHTS}', d.document, q.query) AS score"
            f" FROM search_campaign_document d, (SELECT {query} AS query) q"
            " WHERE d.document @@ q.query)"
            " SELECT c.id, m.score, count(*) OVER () AS total"
            " FROM m JOIN campaigns_campaign c ON c.id = m.campaign_id"
            f" WHERE {where}"
            f" ORDER BY {ORDERS[sort].format(rank='score DESC')}"
            " LIMIT %s OFFSET %s"
        )
        return hits_page(sql, [*terms, *params], limit, offset)

    def corrected(self, terms: Sequence[str]) -> list[str] | None:
        """None when every word occurs in some indexed campaign (a GIN lookup each).
        Otherwise `terms` with each word that occurs nowhere, probably misspelt, replaced by
        the most similar word of the vocabulary ("pekalongn" → "pekalongan"), if one is
        similar enough; words with nothing close stay as they are."""
        # count(*) rather than EXISTS: for a word in no document the planner expects a few
        # hundred rows, walks the table to find the "first" under EXISTS, but counts them
        # through the GIN index, which for such a word is immediate.
        occurs = (
            "(SELECT count(*) FROM search_campaign_document"  # noqa: S608 (fixed text)
            f" WHERE document @@ plainto_tsquery('{CONFIG}', %s)) > 0"
        )
        with connection.cursor() as cursor:
            cursor.execute("SELECT " + ", ".join([occurs] * len(terms)), list(terms))
            known = cursor.fetchone() or ()
        return _fixed(terms, known)


def _fixed(terms: Sequence[str], known: Sequence[bool]) -> list[str] | None:
    """None when every word is `known` (occurs in some campaign); else `terms` with each
    unknown word replaced by its closest vocabulary word, if one is close enough."""
    if all(known):
        return None
    unknown = [t for t, ok in zip(terms, known, strict=True) if not ok]
    closest = dict(zip(unknown, vocabulary_closest(unknown), strict=True))
    return [t if ok else closest[t] or t for t, ok in zip(terms, known, strict=True)]


class SqliteBackend:
    def update(self, campaign: Campaign) -> None:
        vocabulary_add(
            vocabulary_words(" ".join((campaign.title, _about(campaign), campaign.story)))
        )
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM search_campaign_fts WHERE rowid = %s", [campaign.pk])
            cursor.execute(
                "INSERT INTO search_campaign_fts (rowid, title, about, story)"
                " VALUES (%s, %s, %s, %s)",
                [
                    campaign.pk,
                    stemmed(campaign.title),
                    stemmed(_about(campaign)),
                    stemmed(campaign.story),
                ],
            )

    def rebuild(self) -> int:
        count = 0
        rows = Campaign.objects.order_by("id").values_list(
            "id", "title", "summary", "beneficiary", "location", "category", "story"
        )
        words: Counter[str] = Counter()
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM search_campaign_fts")
            batch: list[tuple[int, str, str, str]] = []
            for pk, title, summary, beneficiary, location, category, story in rows.iterator(2000):
                about = " ".join((summary, beneficiary, location, category_names(category)))
                batch.append((pk, stemmed(title), stemmed(about), stemmed(story)))
                words.update(vocabulary_words(" ".join((title, about, story))))
                if len(batch) == 2000:
                    count += self._insert(cursor, batch)
                    batch = []
            count += self._insert(cursor, batch)
            # Merge the index's b-trees into one, as after any bulk load.
            cursor.execute(
                "INSERT INTO search_campaign_fts (search_campaign_fts) VALUES ('optimize')"
            )
        vocabulary_replace(words)
        return count

    @staticmethod
    def _insert(cursor: CursorWrapper, batch: list[tuple[int, str, str, str]]) -> int:
        cursor.executemany(
            "INSERT INTO search_campaign_fts (rowid, title, about, story) VALUES (%s, %s, %s, %s)",
            batch,
        )
        return len(batch)

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
        # Stems are runs of letters and digits (with . or , between digits); each goes in as a
        # quoted FTS5 string, so nothing in a query is read as FTS5 syntax (NEAR, *, AND, ").
        stems = list(dict.fromkeys(s for s in (stemmed(t) for t in terms) if s))
        if not stems:
            return Hits(ids=[], total=0)
        expression = (" OR " if any_term else " AND ").join(f'"{s}"' for s in stems)
        where, params = filters.sql()
        weights = ", ".join(str(w) for w in SQLITE_WEIGHTS)
        # bm25() only works in the query that does the MATCH, so score there and count
        # outside (a materialised CTE keeps SQLite from folding the two together).
        sql = (
            "WITH f AS MATERIALIZED ("  # noqa: S608 (fixed text)
            f" SELECT rowid, bm25(search_campaign_fts, {weights}) AS score"
            " FROM search_campaign_fts WHERE search_campaign_fts MATCH %s)"
            " SELECT c.id, f.score AS score, count(*) OVER () AS total"
            " FROM f JOIN campaigns_campaign c ON c.id = f.rowid"
            f" WHERE {where}"
            f" ORDER BY {ORDERS[sort].format(rank='score ASC')}"
            " LIMIT %s OFFSET %s"
        )
        return hits_page(sql, [expression, *params], limit, offset)

    def corrected(self, terms: Sequence[str]) -> list[str] | None:
        """As PostgresBackend.corrected: each word whose stem is in no indexed campaign (an
        FTS5 look-up each) replaced by the closest word of the vocabulary, if one is close."""
        known = []
        with connection.cursor() as cursor:
            for term in terms:
                stem = stemmed(term)
                if not stem:
                    known.append(True)
                    continue
                cursor.execute(
                    "SELECT count(*) FROM search_campaign_fts WHERE search_campaign_fts MATCH %s",
                    [f'"{stem}"'],
                )
                known.append(cursor.fetchone()[0] > 0)
        return _fixed(terms, known)


def backend() -> Backend:
    return PostgresBackend() if connection.vendor == "postgresql" else SqliteBackend()
