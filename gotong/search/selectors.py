"""Campaign search, for the /cari/ page and GET /api/v1/campaigns?q=.

Only what the campaign list shows can be found: published campaigns still open for donations.
A query is matched in three steps, each tried only when the one before found nothing:

1. campaigns with every word of the query (stemmed, so *pengobatan* finds *berobat*), ranked;
2. when a word of the query occurs in no campaign (probably a typo): step 1 again with that
   word replaced by the most similar word of the vocabulary (gotong/search/vocabulary.py:
   *jantumg* → *jantung*, *pekalongn* → *pekalongan*, *pendidkan* → *pendidikan*);
3. campaigns with any of the words, ranked (so a long, chatty query still finds something);
   the corrected query of step 2, if it found nothing, is still offered ("Maksud Anda").

A campaign is found by its category's names too (*pendidikan*, *education*). Sorting by
"hampir tercapai" lists only the campaigns nearly at their target
(`campaigns.selectors.NEARLY_FUNDED_PERCENT`), with or without a query.

`documents_search` finds other apps' texts (gotong/search/documents.py) by steps 1 and 3.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.db.models import F, QuerySet, Value
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gotong.campaigns.models import Campaign, CampaignStatus
from gotong.campaigns.selectors import NEARLY_FUNDED_PERCENT, campaigns_public, nearly_funded
from gotong.search import matching as postings_matching
from gotong.search.backends import backend
from gotong.search.documents import documents_backend
from gotong.search.postings import Filters, Hits
from gotong.search.text import query_terms

MAX_LIMIT = 100
# Far past any real last page; keeps OFFSET a small integer whatever a client sends.
MAX_OFFSET = 1_000_000


class SearchSort(models.TextChoices):
    RELEVAN = "relevan", _("Paling relevan")
    MENDESAK = "mendesak", _("Paling mendesak")
    TERBARU = "terbaru", _("Terbaru")
    HAMPIR_TERCAPAI = "hampir-tercapai", _("Hampir tercapai")
    DONATUR = "donatur", _("Paling banyak donatur")


class Match(enum.StrEnum):
    """How the campaigns in a result were found."""

    BROWSE = "browse"  # no query: every open campaign (of the category), sorted
    ALL = "all"  # every word of the query
    CORRECTED = "corrected"  # every word, misspelt ones replaced
    ANY = "any"  # some of the words
    NONE = "none"  # nothing
    NO_WORDS = "no_words"  # the query has no letters or digits to search for


@dataclass(frozen=True)
class SearchResults:
    campaigns: Sequence[Campaign]
    # Counted up to matching.COUNT_CAP (or the end of the page, if further): past it, the
    # total is that many and `total_is_lower_bound` ("more than 1,000").
    total: int
    match: Match
    # With Match.CORRECTED: the query as searched ("pedagang pekalongan" for "…pekalongn");
    # with Match.ANY or NONE: a corrected query to offer ("Maksud Anda"), if any.
    suggestion: str = ""
    total_is_lower_bound: bool = False


# Sorting without a query (relevance then means newest first).
_BROWSE_ORDERS = {
    SearchSort.RELEVAN: ("-published_at", "-id"),
    SearchSort.MENDESAK: ("deadline", "-id"),
    SearchSort.TERBARU: ("-published_at", "-id"),
    SearchSort.HAMPIR_TERCAPAI: ("-progress", "-published_at", "-id"),
    SearchSort.DONATUR: ("-donor_count", "-published_at", "-id"),
}


class _Inline(Value):
    """An integer written into the SQL rather than bound as a parameter: SQLite matches an
    ORDER BY with an expression index (`campaign_nearly_funded`'s progress) only when its
    constants are literals; bound, it sorts every open campaign (decision 32)."""

    def as_sql(self, compiler: Any, connection: Any) -> tuple[str, list[Any]]:
        return str(int(self.value)), []


def _browse(*, category: str | None, sort: SearchSort, limit: int, offset: int) -> SearchResults:
    qs = campaigns_public()
    if sort == SearchSort.HAMPIR_TERCAPAI:
        qs = nearly_funded(qs)
    if category:
        qs = qs.filter(category=category)
    qs = qs.annotate(progress=F("collected") * _Inline(10_000) / F("target"))
    # Counted as far as the cap (or the page's end): an exact count of every open campaign
    # costs more than reading the page.
    cap = max(postings_matching.COUNT_CAP, offset + limit)
    total = qs.select_related(None).order_by()[: cap + 1].count()
    # The owners in a second query rather than a join: joined, SQLite may walk the (small)
    # users table first and then sort every open campaign instead of reading an index in
    # order (decision 32).
    page = qs.select_related(None).prefetch_related("owner").order_by(*_BROWSE_ORDERS[sort])
    campaigns = list(page[offset : offset + limit])
    return SearchResults(
        campaigns=campaigns,
        total=min(total, cap),
        match=Match.BROWSE,
        total_is_lower_bound=total > cap,
    )


def _in_order(ids: list[int]) -> list[Campaign]:
    found = Campaign.objects.in_bulk(ids)
    return [found[pk] for pk in ids if pk in found]


def campaigns_search(
    *,
    q: str,
    category: str | None = None,
    sort: str = SearchSort.RELEVAN,
    limit: int = 12,
    offset: int = 0,
) -> SearchResults:
    """One page of open campaigns matching `q` (all of them when `q` is blank), in `category`
    if given, ordered by `sort` (a `SearchSort` value, else ValueError; relevance breaks ties).
    Callers check the length of `q` (text.MAX_QUERY_LENGTH); any text in it is safe."""
    sort = SearchSort(sort)
    limit = max(1, min(limit, MAX_LIMIT))
    offset = max(0, min(offset, MAX_OFFSET))
    if not q.strip():
        return _browse(category=category, sort=sort, limit=limit, offset=offset)
    terms = query_terms(q)
    if not terms:
        return SearchResults(campaigns=[], total=0, match=Match.NO_WORDS)
    index = backend()
    filters = Filters(
        status=CampaignStatus.PUBLISHED,
        today=timezone.localdate(),
        category=category,
        nearly_funded=NEARLY_FUNDED_PERCENT if sort == SearchSort.HAMPIR_TERCAPAI else None,
    )
    order = sort.value

    def matching(words: list[str], *, any_term: bool) -> Hits:
        return index.match(
            words, any_term=any_term, filters=filters, sort=order, limit=limit, offset=offset
        )

    hits, match = matching(terms, any_term=False), Match.ALL
    fixed = index.corrected(terms) if not hits.total else None
    if fixed == terms:  # the words that occur nowhere have no look-alike
        fixed = None
    if fixed is not None:
        hits, match = matching(fixed, any_term=False), Match.CORRECTED
    if not hits.total and len(terms) > 1:
        hits, match = matching(terms, any_term=True), Match.ANY
    if not hits.total:
        match = Match.NONE
    return SearchResults(
        campaigns=_in_order(hits.ids),
        total=hits.total,
        match=match,
        suggestion=" ".join(fixed) if fixed else "",
        total_is_lower_bound=hits.total_is_lower_bound,
    )


@dataclass(frozen=True)
class DocumentResults:
    """One page of object ids of one kind, best first; how many matched; how they were found."""

    ids: list[int]
    total: int
    match: Match


def documents_search(
    *, kind: str, q: str, among: QuerySet[Any], limit: int = 10, offset: int = 0
) -> DocumentResults:
    """The ids of the objects of `among` (a queryset of the owning app's objects that may be
    found) whose `kind` document matches `q`: every word, else any word; best first. A blank
    query finds nothing (the owning app lists its objects itself). Any text in `q` is safe."""
    limit = max(1, min(limit, MAX_LIMIT))
    offset = max(0, min(offset, MAX_OFFSET))
    terms = query_terms(q) if q.strip() else []
    if not terms:
        return DocumentResults(ids=[], total=0, match=Match.NO_WORDS if q.strip() else Match.NONE)
    index = documents_backend()

    def matching(*, any_term: bool) -> Hits:
        return index.match(kind, terms, any_term=any_term, among=among, limit=limit, offset=offset)

    hits, match = matching(any_term=False), Match.ALL
    if not hits.total and len(terms) > 1:
        hits, match = matching(any_term=True), Match.ANY
    return DocumentResults(
        ids=hits.ids, total=hits.total, match=match if hits.total else Match.NONE
    )
