"""The campaign index on both databases: `search_posting (campaign_id, word, score)`, one row
per word of a campaign with a score fixed when the campaign is indexed, keyed by campaign and
word, with a b-tree on `(word, score DESC, campaign_id DESC)` that lists a word's campaigns
best first (gotong/search/migrations/0004_srch_postings.py). The words are PostgreSQL's
`indonesian` lexemes there and `gotong.search.stemmer` stems on SQLite; gotong/search/
backends.py writes them, gotong/search/matching.py reads them (the same SQL on both).

`search_posting_length (word, campaigns)` says how many campaigns each word is on, kept in
step with the postings, so that a query starts from its rarest word without counting.

A word's score in a campaign is what `ts_rank` gives a query of that one word: each
occurrence, in document order (title, then summary, beneficiary, location and category names,
then story), adds its field's weight divided by the square of its rank (1, 1/4, 1/9, …), and
the sum is divided by π²/6. Several words score a campaign by the sum of their scores; ties go
to the newest campaign (the highest id).
"""

from __future__ import annotations

import datetime
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import connection

# Field weights, as ts_rank's {D, C, B, A} were: the story counts a tenth of the title.
TITLE, ABOUT, STORY = 1.0, 0.4, 0.1
ZETA_2 = math.pi**2 / 6

# ts_rank's score of one lexeme from a row of a tsvector's `unnest()` (`u`: lexeme, positions,
# weights, in position order).
PG_SCORE = (
    "(SELECT sum((CASE x.w"  # noqa: S608 (constants of this module)
    f" WHEN 'A' THEN {TITLE} WHEN 'B' THEN {ABOUT} ELSE {STORY} END)::float8 / (x.i * x.i))"
    f" FROM unnest(u.weights) WITH ORDINALITY AS x(w, i)) / {ZETA_2}"
)


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
    """One page of ids, best first, and how many matched in all (at least that many, when
    `total_is_lower_bound`)."""

    ids: list[int]
    total: int
    total_is_lower_bound: bool = False


def word_scores(fields: Iterable[tuple[float, Sequence[str]]]) -> dict[str, float]:
    """Each word's score in a campaign from its fields in document order, each a weight and
    its words: PG_SCORE's sum, for the index SQLite's stemmer makes."""
    weights: dict[str, list[float]] = {}
    for weight, words in fields:
        for word in words:
            weights.setdefault(word, []).append(weight)
    return {
        word: sum(w / (rank * rank) for rank, w in enumerate(found, 1)) / ZETA_2
        for word, found in weights.items()
    }


# The b-tree that lists a word's campaigns best first; a rebuild drops it while it loads.
RANKED_INDEX = (
    "CREATE INDEX search_posting_ranked ON search_posting (word, score DESC, campaign_id DESC)"
)
# How many campaigns each word is on (`search_posting_length`), from the postings.
LENGTHS_REBUILD = (
    "INSERT INTO search_posting_length (word, campaigns)"
    " SELECT word, count(*) FROM search_posting GROUP BY word"
)
LENGTH_ADD = (
    "INSERT INTO search_posting_length (word, campaigns) VALUES (%s, %s)"
    " ON CONFLICT (word) DO UPDATE SET campaigns = search_posting_length.campaigns + %s"
)


def postings_replaced(*, removed: Iterable[str], added: Iterable[str]) -> None:
    """Keep `search_posting_length` in step when a campaign's words change from `removed` to
    `added`; in word order, so that two campaigns saved at once lock the rows in one order."""
    before, after = set(removed), set(added)
    changes = sorted(
        [(word, -1) for word in before - after] + [(word, 1) for word in after - before]
    )
    if changes:
        with connection.cursor() as cursor:
            cursor.executemany(LENGTH_ADD, [(word, n, n) for word, n in changes])
