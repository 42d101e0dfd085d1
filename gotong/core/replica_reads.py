"""Which requests may read a replica, and the pin that sends a browser back to the primary.

A GET or HEAD of a page named in PUBLIC_READS reads a replica (`gotong.core.routers`), unless
the browser carries the pin cookie. Every other request reads the primary: a page not listed
(the donor's thank-you page `donations:finish`, receipts, Donasi saya, dashboards, staff
pages, anything new) is primary-only until someone decides otherwise. A request with any other
method pins its browser to the primary for `DATABASE_REPLICA_PIN_SECONDS`, so whoever just
donated, posted or signed in sees their own write on the next pages even when a replica lags.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.urls import Resolver404, resolve

from gotong.core.routers import public_reads, replica_aliases

PIN_COOKIE = "gotong_primary"

# Public pages and API reads (namespace:url name) that may show a replica's slightly older
# state. The API names are the first operation of each path (django-ninja names a path once).
PUBLIC_READS = frozenset(
    {
        "campaigns:home",
        "campaigns:list",
        "campaigns:detail",
        "campaigns:progress",
        "campaigns:cover",
        "ledger:campaign",
        "ledger:campaign-csv",
        "ledger:campaign-json",
        "ledger:transparency",
        "opendata:index",
        "opendata:file",
        "search:results",
        "regions:index",
        "regions:search",
        "regions:picker",
        "regions:detail",
        "regions:text",
        "seo:og-image",
        "seo:need-og-image",
        "seo:info-og-image",
        "seo:info-poster",
        "info:list",
        "info:detail",
        "inkind:needs",
        "inkind:need",
        "inkind:offers",
        "inkind:offer",
        "transparency:head",
        "transparency:entries",
        "transparency:inclusion-proof",
        "transparency:consistency-proof",
        "transparency:delivery",
        "transparency:info",
        "crawlers:sitemap",
        "api:campaigns_list",
        "api:campaign_detail",
        "api:donation_create",  # GET on that path: a campaign's settled donations
        "api:info_list",
        "api:info_get",
        "api:needs_list",
        "api:need_get",
        "api:offers_list",
        "api:regions_list",
        "api:region_get",
    }
)


def reads_replica(request: HttpRequest, view_name: str) -> bool:
    """Whether this request for that view may read a replica (when there are replicas)."""
    return (
        request.method in ("GET", "HEAD")
        and PIN_COOKIE not in request.COOKIES
        and view_name in PUBLIC_READS
    )


def _public_read(request: HttpRequest) -> bool:
    if request.method not in ("GET", "HEAD") or PIN_COOKIE in request.COOKIES:
        return False
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return False
    return reads_replica(request, match.view_name)


class ReplicaMiddleware:
    """Opens the public read scope for listed pages; pins the browser after other methods."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not replica_aliases():
            return self.get_response(request)
        if _public_read(request):
            with public_reads():
                return self.get_response(request)
        response = self.get_response(request)
        if request.method not in ("GET", "HEAD", "OPTIONS"):
            response.set_cookie(
                PIN_COOKIE,
                "1",
                max_age=settings.DATABASE_REPLICA_PIN_SECONDS,
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=True,
                samesite="Lax",
            )
        return response
