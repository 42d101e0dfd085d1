"""Page numbers for the API's lists, and search results in the shape the paginator slices."""

from collections.abc import Sequence
from typing import Any, overload

from django.http import HttpRequest
from ninja import Field, Schema
from ninja.pagination import PageNumberPagination

from gotong.campaigns.models import Campaign
from gotong.search import selectors as search_selectors
from gotong.search.selectors import SearchSort

# LIMIT and OFFSET are signed 64-bit integers on PostgreSQL and SQLite.
OFFSET_MAX = 2**63 - 1


class PageNumbers(PageNumberPagination):
    """django-ninja's page numbers, except that a page whose offset no database takes is empty
    without asking for its rows (it lies far past the last page); its count is still given."""

    def paginate_queryset(
        self, queryset: Any, pagination: Any, request: HttpRequest, **params: Any
    ) -> Any:
        offset = (pagination.page - 1) * self._get_page_size(pagination.page_size)
        if offset <= OFFSET_MAX:
            return super().paginate_queryset(queryset, pagination, request, **params)
        return {self.items_attribute: [], "count": self._items_count(queryset)}


class CampaignPages(PageNumbers):
    """PageNumbers for the campaign list and its search, whose `count` may be a lower bound:
    a search counts at most 1,000 matches (or up to the page asked for), then says so."""

    class Output(Schema):
        items: list[Any]
        count: int
        total_is_lower_bound: bool = Field(
            False, description="`count` is a lower bound: more campaigns match than were counted."
        )

    def paginate_queryset(
        self, queryset: Any, pagination: Any, request: HttpRequest, **params: Any
    ) -> Any:
        page = super().paginate_queryset(queryset, pagination, request, **params)
        page["total_is_lower_bound"] = getattr(queryset, "total_is_lower_bound", False)
        return page


class SearchPages(Sequence[Campaign]):
    """Search results in the shape django-ninja's paginator wants: it slices once for the
    page (one search, limit/offset) and then asks for the length (the total that search
    returned)."""

    def __init__(self, *, q: str, category: str | None, sort: SearchSort) -> None:
        self.q, self.category, self.sort = q, category, sort
        self.total: int | None = None
        self.total_is_lower_bound = False

    @overload
    def __getitem__(self, index: int) -> Campaign: ...
    @overload
    def __getitem__(self, index: slice) -> list[Campaign]: ...
    def __getitem__(self, index: int | slice) -> Campaign | list[Campaign]:
        if isinstance(index, int):
            return self[index : index + 1][0]
        start, stop = index.start or 0, index.stop
        limit = search_selectors.MAX_LIMIT if stop is None else stop - start
        results = search_selectors.campaigns_search(
            q=self.q, category=self.category, sort=self.sort, limit=limit, offset=start
        )
        self.total = results.total
        self.total_is_lower_bound = results.total_is_lower_bound
        return list(results.campaigns) if limit > 0 else []

    def __len__(self) -> int:
        if self.total is None:
            self[0:1]
        return self.total or 0
