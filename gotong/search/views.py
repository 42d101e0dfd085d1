from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from gotong.campaigns.selectors import NEARLY_FUNDED_PERCENT
from gotong.info.selectors import info_search
from gotong.search import selectors
from gotong.search.forms import SearchForm
from gotong.search.selectors import Match, SearchSort
from gotong.search.text import MAX_QUERY_LENGTH

PAGE_SIZE = 12
INFO_SECTION_SIZE = 5
MAX_PAGE = 10_000


def _page_number(raw: str | None) -> int:
    try:
        return max(1, min(int(raw or 1), MAX_PAGE))
    except ValueError:
        return 1


def _pageable(results: selectors.SearchResults) -> int:
    return results.total + 1 if results.total_is_lower_bound else results.total


@require_GET
def search_results(request: HttpRequest) -> HttpResponse:
    """Search open campaigns: `q`, `kategori`, `urutkan`, `halaman`. Never fails on input: a
    query that is too long is not run (the page says why), anything else is searched. With a
    query, the first page also shows the best listed help-information posts ("Informasi
    bantuan", gotong/info), which link on to all of them."""
    form = SearchForm(request.GET)
    form.is_valid()
    q = form.value("q")
    category = form.value("kategori") or None
    sort = form.value("urutkan", SearchSort.RELEVAN)
    number = _page_number(request.GET.get("halaman"))
    results = page = info = None
    searched = q
    if "q" not in form.errors:

        def search(n: int) -> selectors.SearchResults:
            return selectors.campaigns_search(
                q=q, category=category, sort=sort, limit=PAGE_SIZE, offset=(n - 1) * PAGE_SIZE
            )

        results = search(number)
        # Page numbers (and a number past the last page) from the total, as for the list page;
        # a total that is a lower bound counts one more, so the next page is offered.
        page = Paginator(range(_pageable(results)), PAGE_SIZE).get_page(number)
        if page.number != number:
            results = search(page.number)
        if results.match == Match.CORRECTED:
            searched = results.suggestion
        if q.strip() and page.number == 1:
            # Help information is searched for what the campaigns were, a correction included.
            info = info_search(q=searched, limit=INFO_SECTION_SIZE)
    return render(
        request,
        "search/results.html",
        {
            "q": q,
            # What was searched for: the query, or its correction (Match.CORRECTED).
            "searched": searched,
            # What goes back into the search box: what was typed, cut to the length allowed.
            "shown_q": request.GET.get("q", "")[:MAX_QUERY_LENGTH],
            "category": category or "",
            "sort": sort,
            "categories": form.fields["kategori"].choices,  # type: ignore[attr-defined]
            "sorts": SearchSort.choices,
            "errors": [error for errors in form.errors.values() for error in errors],
            "results": results,
            "info": info,
            "page": page,
            "max_length": MAX_QUERY_LENGTH,
            "nearly_percent": NEARLY_FUNDED_PERCENT,
        },
    )
