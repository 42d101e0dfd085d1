"""Turning text into search words, the same way for campaigns and for queries."""

from __future__ import annotations

import re
import unicodedata

from gotong.search.stemmer import stem

# A query longer than this is refused (422 on the API, a message on the page).
MAX_QUERY_LENGTH = 200
# Only the first words of a query count; a word longer than this is not a word.
MAX_TERMS = 12
MAX_WORD_LENGTH = 40

# Numbers keep their thousands separators (15.000) so they read as PostgreSQL's parser reads
# them; anything else is a run of letters and digits in any script.
_WORD = re.compile(r"\d+(?:[.,]\d+)+|[^\W_]+")

# Words that say nothing about which campaign is meant. Dropped from queries only (unless a
# query has nothing else); campaigns are indexed with them.
_STOPWORDS = """
    ada adalah agar akan atau bagi bahwa dan dari dengan di dalam ini itu juga ke kami kita
    oleh pada para saya serta supaya tersebut untuk yang
"""
STOPWORDS = frozenset(_STOPWORDS.split())


def normalise(text: str) -> str:
    """Lower case without accents; compatibility forms (ligatures, full-width letters) folded."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def words(text: str) -> list[str]:
    return [w for w in _WORD.findall(normalise(text)) if len(w) <= MAX_WORD_LENGTH]


def query_terms(query: str) -> list[str]:
    """The distinct words of a query that are worth searching for, in order, at most
    MAX_TERMS. Empty when the query has no letters or digits at all (emoji, punctuation)."""
    found = list(dict.fromkeys(words(query[: MAX_QUERY_LENGTH * 2])))
    kept = [w for w in found if w not in STOPWORDS] or found
    return kept[:MAX_TERMS]


def stemmed(text: str) -> str:
    """`text` as space-separated stems: what the SQLite index stores and matches."""
    return " ".join(stem(w) for w in words(text))
