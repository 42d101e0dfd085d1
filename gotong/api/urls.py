"""JSON API v1 (django-ninja). Schema at /api/v1/openapi.json, docs at /api/v1/docs."""

from collections.abc import Sequence
from typing import Any, overload

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from ninja import NinjaAPI, Query, Status
from ninja.errors import ValidationError as NinjaValidationError
from ninja.pagination import PageNumberPagination, paginate

from gotong.api.schemas import (
    CampaignOut,
    DonationCreatedOut,
    DonationIn,
    DonationStatusOut,
    ErrorOut,
    PublicDonationOut,
    ReferrerTotalOut,
)
from gotong.campaigns import selectors as campaign_selectors
from gotong.campaigns.models import PUBLIC_STATUSES, Campaign, Category
from gotong.donations import services as donation_services
from gotong.donations.selectors import donation_get, donations_settled
from gotong.payments.gateways.base import GatewayError
from gotong.payments.services import payment_start
from gotong.referrals.selectors import referrers_top
from gotong.search import selectors as search_selectors
from gotong.search.selectors import SearchSort
from gotong.search.text import MAX_QUERY_LENGTH

api = NinjaAPI(
    title="Gotong API",
    version="1",
    description="Kampanye, donasi, dan status pembayaran. Nominal dalam rupiah bulat.",
    urls_namespace="api",
)


@api.exception_handler(NinjaValidationError)
def _invalid_request(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
    errors: dict[str, list[str]] = {}
    for error in exc.errors:
        loc = [
            str(part) for part in error.get("loc", []) if part not in ("body", "payload", "query")
        ]
        errors.setdefault(".".join(loc) or "__all__", []).append(
            str(error.get("msg", "tidak valid"))
        )
    return api.create_response(
        request, {"detail": "Data tidak valid.", "errors": errors}, status=422
    )


class QueryInvalid(Exception):
    """A query parameter the schema accepts but the endpoint does not (e.g. a too-long `q`)."""

    def __init__(self, errors: dict[str, list[str]]) -> None:
        super().__init__(errors)
        self.errors = errors


@api.exception_handler(QueryInvalid)
def _invalid_query(request: HttpRequest, exc: QueryInvalid) -> HttpResponse:
    return api.create_response(
        request, {"detail": "Data tidak valid.", "errors": exc.errors}, status=422
    )


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


class _SearchPages(Sequence[Campaign]):
    """Search results in the shape django-ninja's paginator wants: it slices once for the
    page (one search, limit/offset) and then asks for the length (the total that search
    returned)."""

    def __init__(self, *, q: str, category: str | None, sort: SearchSort) -> None:
        self.q, self.category, self.sort = q, category, sort
        self.total: int | None = None

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
        return list(results.campaigns) if limit > 0 else []

    def __len__(self) -> int:
        if self.total is None:
            self[0:1]
        return self.total or 0


def _public_campaign(slug: str) -> Campaign:
    return get_object_or_404(Campaign, slug=slug, status__in=PUBLIC_STATUSES)


@api.get("/campaigns", response={200: list[CampaignOut], 422: ErrorOut}, tags=["campaigns"])
@paginate(PageNumbers, page_size=20)
def campaigns_list(
    request: HttpRequest,
    q: Query[str | None] = None,
    category: Query[Category | None] = None,
    sort: Query[SearchSort | None] = None,
) -> Any:
    """Published campaigns open for donations, newest first; `?category=` filters.

    `?q=` searches title, story, beneficiary and location (at most 200 characters; words are
    matched by their root, so `pengobatan` finds `berobat`), best match first. `?sort=` orders
    by `relevan`, `mendesak` (nearest deadline), `terbaru`, `hampir-tercapai` (highest share of
    the target collected) or `donatur` (most donors), with or without `q`."""
    text = (q or "").strip()
    if len(text) > MAX_QUERY_LENGTH:
        raise QueryInvalid({"q": [f"Kata pencarian paling banyak {MAX_QUERY_LENGTH} karakter."]})
    category_value = category.value if category else None
    if not text and sort is None:
        return campaign_selectors.campaigns_by_category(category=category_value)
    return _SearchPages(q=text, category=category_value, sort=sort or SearchSort.RELEVAN)


@api.get("/campaigns/{slug}", response={200: CampaignOut, 404: ErrorOut}, tags=["campaigns"])
def campaign_detail(request: HttpRequest, slug: str) -> Any:
    return _public_campaign(slug)


@api.post(
    "/campaigns/{slug}/donations",
    response={201: DonationCreatedOut, 404: ErrorOut, 422: ErrorOut, 502: ErrorOut},
    tags=["donations"],
)
def donation_create(request: HttpRequest, slug: str, payload: DonationIn) -> Any:
    """Start a donation: returns the gateway's payment page URL. It counts once settled."""
    campaign = _public_campaign(slug)
    try:
        donation = donation_services.donation_create(
            campaign=campaign,
            amount=payload.amount,
            name=payload.name,
            email=payload.email,
            is_anonymous=payload.anonymous,
            message=payload.message,
        )
    except ValidationError as exc:
        errors = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
        return Status(422, {"detail": "Data tidak valid.", "errors": errors})
    try:
        payment_url = payment_start(donation=donation)
    except GatewayError:
        return Status(502, {"detail": "Gateway pembayaran tidak dapat dihubungi. Coba lagi nanti."})
    return Status(
        201,
        {
            "order_id": donation.order_id,
            "amount": donation.amount,
            "status": donation.status,
            "payment_url": payment_url,
        },
    )


@api.get("/campaigns/{slug}/donations", response=list[PublicDonationOut], tags=["donations"])
@paginate(PageNumbers, page_size=50)
def campaign_donations(request: HttpRequest, slug: str) -> Any:
    """Settled donations, newest first. Anonymous donors appear as "Orang Baik"; never emails."""
    return donations_settled(campaign=_public_campaign(slug))


@api.get(
    "/campaigns/{slug}/referrers",
    response={200: list[ReferrerTotalOut], 401: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    tags=["campaigns"],
)
def campaign_referrers(request: HttpRequest, slug: str) -> Any:
    """What each person's fundraiser link (`?ref=`) raised, settled donations only, largest
    first; public names, never emails. Only for the campaign's owner, signed in on the site
    (session cookie): 401 otherwise, 403 for anyone else."""
    user = request.user
    if not user.is_authenticated:
        return Status(401, {"detail": "Masuk terlebih dahulu."})
    campaign = campaign_selectors.campaign_get_visible(slug=slug, viewer=user)
    if campaign is None:
        return Status(404, {"detail": "Kampanye tidak ditemukan."})
    if campaign.owner_id != user.pk:
        return Status(403, {"detail": "Hanya pemilik kampanye yang dapat melihat data ini."})
    return [row._asdict() for row in referrers_top(campaign=campaign, limit=None)]


@api.get(
    "/donations/{order_id}", response={200: DonationStatusOut, 404: ErrorOut}, tags=["donations"]
)
def donation_status(request: HttpRequest, order_id: str) -> Any:
    donation = donation_get(order_id=order_id)
    if donation is None:
        return Status(404, {"detail": "Donasi tidak ditemukan."})
    return {"order_id": donation.order_id, "amount": donation.amount, "status": donation.status}
