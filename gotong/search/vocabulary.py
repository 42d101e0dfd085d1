"""The vocabulary typos are corrected against, on both databases: every word (lower case,
letters only, 3 to 40 of them) of every campaign and of its category's names, in
`search_word (word, campaigns)` with how many campaigns used it when they were indexed (only
to break ties, so it need not be exact: re-indexing a campaign counts its words again).
PostgreSQL's table comes with a trigram index (gotong/search/migrations/0001_initial.py),
SQLite's with none (0003_srch_vocabulary.py).

The closest word to one that occurs nowhere: on PostgreSQL by pg_trgm `similarity` (through
the trigram index); on SQLite by Levenshtein distance (rapidfuzz) over the words of about the
same length, which are all a close word can be. Both are read by the backends' `corrected`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from django.db import connection, transaction
from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

# pg_trgm similarity a known word must reach to replace a word of the query that occurs
# nowhere: "jantumg"/"jantung" 0.45, "banjr"/"banjir" 0.44; "obta"/"obat" (0.25) is too far.
TYPO_SIMILARITY = 0.4
# The same on SQLite: 1 - edits / length of the longer word. One edit in four letters, two in
# eight: "jantumg"/"jantung" 0.86, "banjr"/"banjir" 0.83; "obta"/"obat" (0.5) is too far, and
# a word of three letters is never replaced.
TYPO_EDIT_SIMILARITY = 0.75
MIN_LENGTH, MAX_LENGTH = 3, 40

_LETTERS = re.compile(r"[^\W\d_]+")

PG_WORDS_ADD = """
    INSERT INTO search_word (word, campaigns)
    SELECT word, 1 FROM unnest(%s::text[]) AS word
    ON CONFLICT (word) DO UPDATE SET campaigns = search_word.campaigns + 1
"""
SQLITE_WORD_ADD = """
    INSERT INTO search_word (word, campaigns) VALUES (%s, 1)
    ON CONFLICT (word) DO UPDATE SET campaigns = campaigns + 1
"""
# The known word closest to one that occurs nowhere; `%%` is pg_trgm's similarity operator
# (served by the trigram index), compared against pg_trgm.similarity_threshold.
PG_CLOSEST_WORD = """
    SELECT word FROM search_word
    WHERE word %% %s
    ORDER BY similarity(word, %s) DESC, campaigns DESC, word
    LIMIT 1
"""


def vocabulary_words(text: str) -> list[str]:
    """The distinct words of `text` the vocabulary keeps, sorted."""
    found = _LETTERS.findall(text.lower())
    return sorted({w for w in found if MIN_LENGTH <= len(w) <= MAX_LENGTH})


def vocabulary_add(words: Sequence[str]) -> None:
    """Count one more campaign for each of `words` (distinct), adding the new ones."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(PG_WORDS_ADD, [list(words)])
        else:
            cursor.executemany(SQLITE_WORD_ADD, [(w,) for w in words])


def vocabulary_replace(counts: Mapping[str, int]) -> None:
    """Start the vocabulary over: each word and how many campaigns use it (SQLite's rebuild;
    PostgreSQL rebuilds it in SQL, gotong/search/backends.py)."""
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM search_word")
        cursor.executemany(
            "INSERT INTO search_word (word, campaigns) VALUES (%s, %s)", sorted(counts.items())
        )


def _sqlite_closest(term: str) -> str | None:
    n = len(term)
    # Words more than a quarter shorter or a third longer are too far by length alone.
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT word, campaigns FROM search_word WHERE length(word) BETWEEN %s AND %s",
            [n - n // 4, n + n // 3],
        )
        rows = cursor.fetchall()
    uses = dict(rows)
    close = process.extract(
        term,
        list(uses),
        scorer=Levenshtein.normalized_similarity,
        score_cutoff=TYPO_EDIT_SIMILARITY,
        limit=None,
    )
    if not close:
        return None
    # Most similar, then the more common word, then the first in alphabetical order.
    best = min(close, key=lambda found: (-found[1], -uses[found[0]], found[0]))
    return str(best[0])


def vocabulary_closest(terms: Sequence[str]) -> list[str | None]:
    """For each of `terms`, the most similar word of the vocabulary, or None when none is
    similar enough (a word still in the vocabulary is its own closest word)."""
    if connection.vendor != "postgresql":
        return [_sqlite_closest(t) if _LETTERS.fullmatch(t) else None for t in terms]
    closest: list[str | None] = []
    # SET LOCAL lasts until the end of the transaction, hence the atomic block.
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"SET LOCAL pg_trgm.similarity_threshold = {TYPO_SIMILARITY:.2f}")
        for term in terms:
            cursor.execute(PG_CLOSEST_WORD, [term, term])
            row = cursor.fetchone()
            closest.append(row[0] if row else None)
    return closest
