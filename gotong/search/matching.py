"""Reading a page of campaigns from the index of postings (gotong/search/postings.py), the same
SQL on PostgreSQL and SQLite. Nothing is scored at query time, and visibility (published,
open, category, nearly funded) is read from the campaign rows, as always (decision 32).

- Every word, by relevance: the first candidates in order, as many as the total counts
  (COUNT_CAP + 1, or to the end of the page asked for), so one pass gives the page and the
  total. One word: its postings in score order (the ranked index) joined to the campaign
  rows. Several words: the candidates are each word's best postings (WINDOW shared among
  the words), looked up in every word's postings by campaign and sorted by their summed
  scores; their campaign rows are read in that order. When the rarest word is on no more
  than WINDOW campaigns, its postings are all the candidates, and the page is exact; past
  that it is the best of the candidates (the total then counted apart, or, if they leave
  the page short, every posting of the rarest word scored).
- Some of the words, by relevance: the same candidates, scored by the words they have.
- Sorted by a campaign column (deadline, newest, donors, progress): a common word (on more
  than COMMON campaigns) walks the open campaigns in the index of that column and looks its
  postings up for each; a rarer word's campaigns are gathered and sorted.
- Totals are counted up to COUNT_CAP (or to the end of the page asked for, if further) and
  then flagged as a lower bound.

Only constants of this module, the ORDER BY of ORDERS, the Filters' clause and one placeholder
per word are put together into SQL.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import connection

from gotong.search.postings import Filters, Hits

# Totals are exact up to this many campaigns; past it the page says "more than 1,000".
COUNT_CAP = 1000
# A word on more campaigns than this is common: sorted by a campaign column, walking the
# campaigns in that order finds a page of its matches sooner than sorting all of them.
COMMON = 2000
# Several words by relevance: how many of the words' best postings (shared among them) are
# candidates.
WINDOW = 2000
# "Every posting", as a LIMIT.
ALL_POSTINGS = 2**62

# Orders by a campaign column, then the summed score ("relevance"); ties go to the newest
# campaign. By relevance alone: `_in_visible_order` and `_one_word`.
ORDERS = {
    "mendesak": "c.deadline ASC, relevance DESC, c.id DESC",
    "terbaru": "c.published_at DESC, c.id DESC",
    # Only campaigns nearly at their target are listed (Filters.nearly_funded).
    "hampir-tercapai": "c.collected * 10000 / c.target DESC, relevance DESC, c.id DESC",
    "donatur": "c.donor_count DESC, relevance DESC, c.id DESC",
}


def _best(n: int) -> str:
    """The first `%s` postings of one word (`%s`) in score order, as `w{n}`: read from the
    start of the ranked index, never the whole table."""
    return (
        "(SELECT campaign_id, score FROM search_posting WHERE word = %s"  # noqa: S608
        f" ORDER BY score DESC, campaign_id DESC LIMIT %s) w{n}"
    )


def postings_lengths(words: Sequence[str]) -> list[int]:
    """How many campaigns each word is on (any status), from `search_posting_length`."""
    if not words:
        return []
    marks = ", ".join(["%s"] * len(words))
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT word, campaigns FROM search_posting_length"  # noqa: S608 (fixed text)
            f" WHERE word IN ({marks})",
            list(words),
        )
        lengths = dict(cursor.fetchall())
    return [int(lengths.get(word, 0)) for word in words]


def _ids(sql: str, params: list[Any]) -> list[int]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [row[0] for row in cursor.fetchall()]


def _probes(count: int, anchor: str, first: int = 1) -> tuple[str, str]:
    """CROSS JOINs of the postings p{first}…p{count - 1} and their conditions: each on
    `anchor`'s campaign and its own word (a placeholder)."""
    joins = "".join(f" CROSS JOIN search_posting p{n}" for n in range(first, count))
    conditions = "".join(
        f" AND p{n}.campaign_id = {anchor} AND p{n}.word = %s" for n in range(first, count)
    )
    return joins, conditions


def _summed(count: int, first: str) -> str:
    return " + ".join([f"{first}.score", *(f"p{n}.score" for n in range(1, count))])


def _in_visible_order(ranked: str, filters: Filters) -> tuple[str, list[Any]]:
    """The open campaigns of `ranked` (SQL selecting campaign_id and relevance, with an ORDER
    BY and a LIMIT, so it is run first and on its own), in its order, with LIMIT and OFFSET
    placeholders: only the best candidates' campaign rows are read."""
    where, params = filters.sql()
    sql = (
        f"SELECT m.campaign_id FROM ({ranked}) m CROSS JOIN campaigns_campaign c"  # noqa: S608
        f" WHERE c.id = m.campaign_id AND {where}"
        " ORDER BY m.relevance DESC, m.campaign_id DESC LIMIT %s OFFSET %s"
    )
    return sql, params


def _candidates(
    words: Sequence[str], filters: Filters, windows: Sequence[int], *, every: bool
) -> tuple[str, list[Any]]:
    """The best `windows[n]` postings of each word n, scored by all the words (`every`: only
    those that have every word), best first; the open ones, with LIMIT and OFFSET
    placeholders."""
    taken = [(word, n) for word, n in zip(words, windows, strict=True) if n]
    union = " UNION ".join(
        f"SELECT campaign_id FROM {_best(n)}"  # noqa: S608 (fixed text)
        for n in range(len(taken))
    )
    if every:
        joins, conditions = _probes(len(words), "u.campaign_id", first=0)
        scores = f"{joins} WHERE 1 = 1{conditions}"
        summed = _summed(len(words), "p0")
    else:
        scores = "".join(
            f" LEFT JOIN search_posting p{n} ON p{n}.campaign_id = u.campaign_id AND p{n}.word = %s"
            for n in range(len(words))
        )
        summed = " + ".join(f"coalesce(p{n}.score, 0)" for n in range(len(words)))
    ranked = (
        f"SELECT u.campaign_id, {summed} AS relevance FROM ({union}) u{scores}"  # noqa: S608
        " ORDER BY relevance DESC, u.campaign_id DESC LIMIT %s"
    )
    sql, params = _in_visible_order(ranked, filters)
    best = [value for word_window in taken for value in word_window]
    return sql, [*best, *words, min(sum(windows), ALL_POSTINGS), *params]


def _shared(words: Sequence[str], page: slice) -> list[int]:
    """Each word's share of WINDOW, or more for a page further on (the same for the first
    pages, so that they fit together)."""
    return [max(WINDOW // len(words), 2 * page.stop)] * len(words)


def _one_word(word: str, filters: Filters, most: int) -> list[int]:
    """The first `most` open campaigns with `word`, best first."""
    where, params = filters.sql()
    sql = (
        "SELECT c.id FROM search_posting p0 CROSS JOIN campaigns_campaign c"  # noqa: S608
        f" WHERE p0.word = %s AND c.id = p0.campaign_id AND {where}"
        " ORDER BY p0.score DESC, p0.campaign_id DESC LIMIT %s OFFSET 0"
    )
    return _ids(sql, [word, *params, most])


def _by_relevance(
    words: Sequence[str], lengths: Sequence[int], filters: Filters, *, most: int, page: slice
) -> tuple[list[int], int]:
    """Every word by relevance: the page and how many open campaigns match, counting at most
    `most`. The first `most` candidates are read in order, so that the page and the count
    come from one pass whenever the candidates hold every match, or more than `most`."""
    if len(words) == 1:
        ranked = _one_word(words[0], filters, most)
        return ranked[page], len(ranked)
    everything = [ALL_POSTINGS] + [0] * (len(words) - 1)  # every posting of the rarest word
    if lengths[0] <= max(WINDOW, 2 * page.stop):
        sql, params = _candidates(words, filters, everything, every=True)
        ranked = _ids(sql, [*params, most, 0])
        return ranked[page], len(ranked)
    sql, params = _candidates(words, filters, _shared(words, page), every=True)
    ranked = _ids(sql, [*params, most, 0])
    if len(ranked[page]) < page.stop - page.start:
        sql, params = _candidates(words, filters, everything, every=True)
        ranked = _ids(sql, [*params, most, 0])
        return ranked[page], len(ranked)
    if len(ranked) == most:
        return ranked[page], most
    return ranked[page], _count(words, filters, any_word=False, most=most)


def _some_by_relevance(
    words: Sequence[str], lengths: Sequence[int], filters: Filters, *, limit: int, offset: int
) -> list[int]:
    """Some of the words by relevance: the page."""
    windows = _shared(words, slice(offset, offset + limit))
    sql, params = _candidates(words, filters, windows, every=False)
    ids = _ids(sql, [*params, limit, offset])
    # The windows did not hold every word's postings and left the page short: score them all.
    if len(ids) < limit and any(n > windows[0] for n in lengths):
        sql, params = _candidates(words, filters, [ALL_POSTINGS] * len(words), every=False)
        ids = _ids(sql, [*params, limit, offset])
    return ids


def _sorted(
    words: Sequence[str], filters: Filters, sort: str, *, any_word: bool, walk: bool
) -> tuple[str, list[Any]]:
    """Sorted by a campaign column: walking the open campaigns in that order (`walk`) or
    gathering the words' campaigns and sorting them; LIMIT and OFFSET placeholders last."""
    where, params = filters.sql()
    order = f" ORDER BY {ORDERS[sort]} LIMIT %s OFFSET %s"
    if any_word:
        marks = ", ".join(["%s"] * len(words))
        sql = (
            "SELECT c.id, sum(p0.score) AS relevance"  # noqa: S608 (fixed text)
            " FROM search_posting p0 CROSS JOIN campaigns_campaign c"
            f" WHERE p0.word IN ({marks}) AND c.id = p0.campaign_id AND {where}"
            f" GROUP BY c.id{order}"
        )
        return sql, [*words, *params]
    if walk:
        joins, conditions = _probes(len(words), "c.id", first=0)
        sql = (
            f"SELECT c.id, {_summed(len(words), 'p0')} AS relevance"  # noqa: S608
            f" FROM campaigns_campaign c{joins} WHERE {where}{conditions}{order}"
        )
        return sql, [*params, *words]
    joins, conditions = _probes(len(words), "p0.campaign_id")
    sql = (
        f"SELECT c.id, {_summed(len(words), 'p0')} AS relevance"  # noqa: S608
        f" FROM search_posting p0{joins} CROSS JOIN campaigns_campaign c"
        f" WHERE p0.word = %s{conditions} AND c.id = p0.campaign_id AND {where}{order}"
    )
    return sql, [*words, *params]


def _count(words: Sequence[str], filters: Filters, *, any_word: bool, most: int) -> int:
    """How many open campaigns have every word (or some), counting at most `most`."""
    where, params = filters.sql()
    if any_word:
        marks = ", ".join(["%s"] * len(words))
        sql = (
            "SELECT count(*) FROM (SELECT DISTINCT p0.campaign_id"  # noqa: S608 (fixed text)
            " FROM search_posting p0 CROSS JOIN campaigns_campaign c"
            f" WHERE p0.word IN ({marks}) AND c.id = p0.campaign_id AND {where} LIMIT %s) s"
        )
    else:
        # One word in score order, so that the ranked index is read from its start (left to
        # itself, PostgreSQL may expect the rows sooner from the whole table); several words
        # in any order, so that the count stops at `most` (a sort would need them all).
        joins, conditions = _probes(len(words), "p0.campaign_id")
        order = " ORDER BY p0.score DESC, p0.campaign_id DESC" if len(words) == 1 else ""
        sql = (
            "SELECT count(*) FROM (SELECT 1 FROM search_posting p0"  # noqa: S608 (fixed text)
            f"{joins} CROSS JOIN campaigns_campaign c WHERE p0.word = %s{conditions}"
            f" AND c.id = p0.campaign_id AND {where}{order} LIMIT %s) s"
        )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*words, *params, most])
        return int(cursor.fetchone()[0])


def postings_match(
    words: Sequence[tuple[str, int]],
    *,
    any_word: bool,
    filters: Filters,
    sort: str,
    limit: int,
    offset: int,
) -> Hits:
    """One page of the open campaigns with every word (or, `any_word`, with some; each word
    with how many campaigns it is on), in `sort` (a key of ORDERS, or "relevan"), and how
    many there are, counted up to COUNT_CAP or the page's end."""
    lengths_of = dict(words)
    if not any_word and not all(lengths_of.values()):
        return Hits(ids=[], total=0)
    # The word on the fewest campaigns first: it drives, the others are looked up.
    found = sorted((n, w) for w, n in lengths_of.items() if n > 0)
    if not found:
        return Hits(ids=[], total=0)
    lengths, distinct = [n for n, _w in found], [w for _n, w in found]
    any_word = any_word and len(distinct) > 1
    cap = max(COUNT_CAP, offset + limit)
    if sort == "relevan" and not any_word:
        page = slice(offset, offset + limit)
        ids, total = _by_relevance(distinct, lengths, filters, most=cap + 1, page=page)
        return Hits(ids=ids, total=min(total, cap), total_is_lower_bound=total > cap)
    if sort == "relevan":
        ids = _some_by_relevance(distinct, lengths, filters, limit=limit, offset=offset)
    else:
        walk = not any_word and lengths[0] > COMMON
        sql, params = _sorted(distinct, filters, sort, any_word=any_word, walk=walk)
        ids = _ids(sql, [*params, limit, offset])
    total = _count(distinct, filters, any_word=any_word, most=cap + 1)
    return Hits(ids=ids, total=min(total, cap), total_is_lower_bound=total > cap)
