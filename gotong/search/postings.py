"""The campaign index on both databases: `search_posting (campaign_id, word, score)`, one row
per word of a campaign with a score fixed when the campaign is indexed, and a b-tree on
`(word, score DESC, campaign_id DESC)` (gotong/search/migrations/0004_srch_postings.py). The
words are PostgreSQL's `indonesian` lexemes there and `gotong.search.stemmer` stems on SQLite
(gotong/search/backends.py writes them and turns queries into them); reading is the same SQL
on both, here.

A word's score in a campaign is what `ts_rank` gives a query of that one word: each
occurrence, in document order (title, then summary, beneficiary, location and category names,
then story), adds its field's weight divided by the square of its rank (1, 1/4, 1/9, …), and
the sum is divided by π²/6. Several words score a campaign by the sum of their scores. Ties go
to the newest campaign (the highest id).

Reading a page scores nothing. One word: its postings are read in score order and joined to
the campaign rows, where visibility is read as always, until a page of open campaigns is
found. Several words: the word on the fewest campaigns drives, the others are looked up by
campaign, and the matches are sorted by their summed scores. Sorted by a campaign column
(deadline, newest, donors, progress), a common word walks the open campaigns in that column's
index and looks its postings up for each; a rarer one's campaigns are gathered and sorted.
Totals are counted up to COUNT_CAP (or the end of the page asked for, if further) and are then
flagged as a lower bound.

Only constants of this module, the Filters' clause and one placeholder per word are put
together into SQL.
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
# Totals are exact up to this many campaigns; past it the page says "more than 1,000".
COUNT_CAP = 1000
# A word on more campaigns than this is common: sorted by a campaign column, walking the
# campaigns in that order finds a page of its matches sooner than sorting all of them.
COMMON = 2000

# Sort orders after the summed score ("relevance"). Ties fall back to the newest campaign.
ORDERS = {
    "relevan": "relevance DESC, c.id DESC",
    "mendesak": "c.deadline ASC, relevance DESC, c.id DESC",
    "terbaru": "c.published_at DESC, c.id DESC",
    # Only campaigns nearly at their target are listed (Filters.nearly_funded).
    "hampir-tercapai": "c.collected * 10000 / c.target DESC, relevance DESC, c.id DESC",
    "donatur": "c.donor_count DESC, relevance DESC, c.id DESC",
}

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


def postings_lengths(words: Sequence[str]) -> list[int]:
    """How many campaigns each word is on, counting at most COMMON + 1 (any status)."""
    if not words:
        return []
    one = "(SELECT count(*) FROM (SELECT 1 FROM search_posting WHERE word = %s LIMIT %s) s)"
    params = [value for word in words for value in (word, COMMON + 1)]
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join([one] * len(words)), params)
        return [int(n) for n in cursor.fetchone()]


@dataclass(frozen=True)
class _Source:
    """FROM … WHERE … [GROUP BY] of the matching open campaigns (`c`), the score, the
    parameters."""

    sql: str
    score: str
    params: list[Any]


def _all_words(words: Sequence[str], filters: Filters, *, walk: bool) -> _Source:
    """Campaigns with every word: driven by the first word's postings, or with `walk` by the
    open campaigns (in the order of the index that serves the ORDER BY)."""
    where, params = filters.sql()
    score = " + ".join(f"p{n}.score" for n in range(len(words)))
    if walk:
        joins = "".join(f" CROSS JOIN search_posting p{n}" for n in range(len(words)))
        probes = "".join(
            f" AND p{n}.campaign_id = c.id AND p{n}.word = %s" for n in range(len(words))
        )
        return _Source(
            f"FROM campaigns_campaign c{joins} WHERE {where}{probes}",
            score,
            [
                *params,
                *words,
            ],
        )
    joins = "".join(f" CROSS JOIN search_posting p{n}" for n in range(1, len(words)))
    probes = "".join(
        f" AND p{n}.campaign_id = p0.campaign_id AND p{n}.word = %s" for n in range(1, len(words))
    )
    sql = (
        f"FROM search_posting p0{joins} CROSS JOIN campaigns_campaign c"
        f" WHERE p0.word = %s{probes} AND c.id = p0.campaign_id AND {where}"
    )
    return _Source(sql, score, [*words, *params])


def _any_word(words: Sequence[str], filters: Filters) -> _Source:
    """Campaigns with some of the words, one row each."""
    where, params = filters.sql()
    marks = ", ".join(["%s"] * len(words))
    sql = (
        "FROM search_posting p0 CROSS JOIN campaigns_campaign c"
        f" WHERE p0.word IN ({marks}) AND c.id = p0.campaign_id AND {where} GROUP BY c.id"
    )
    return _Source(sql, "sum(p0.score)", [*words, *params])


def postings_match(
    words: Sequence[str],
    *,
    any_word: bool,
    filters: Filters,
    sort: str,
    limit: int,
    offset: int,
) -> Hits:
    """One page of the open campaigns with every word (or, `any_word`, with some), in `sort`
    (a key of ORDERS), and how many there are, counted up to COUNT_CAP or the page's end."""
    words = list(dict.fromkeys(words))
    lengths = postings_lengths(words)
    if not any_word and not all(lengths):
        return Hits(ids=[], total=0)
    found = sorted((n, w) for n, w in zip(lengths, words, strict=True) if n)
    if not found:
        return Hits(ids=[], total=0)
    words = [w for _n, w in found]  # the word on the fewest campaigns first
    if any_word:
        page = counted = _any_word(words, filters)
    else:
        counted = _all_words(words, filters, walk=False)
        common = sort != "relevan" and found[0][0] > COMMON
        page = _all_words(words, filters, walk=True) if common else counted
    cap = max(COUNT_CAP, offset + limit)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT c.id, {page.score} AS relevance {page.sql}"
            f" ORDER BY {ORDERS[sort]} LIMIT %s OFFSET %s",
            [*page.params, limit, offset],
        )
        ids = [row[0] for row in cursor.fetchall()]
        cursor.execute(
            f"SELECT count(*) FROM (SELECT c.id {counted.sql} LIMIT %s) s",  # noqa: S608
            [*counted.params, cap + 1],
        )
        total = int(cursor.fetchone()[0])
    return Hits(ids=ids, total=min(total, cap), total_is_lower_bound=total > cap)
