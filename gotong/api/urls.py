"""JSON API v1 (django-ninja). Schema at /api/v1/openapi.json, docs at /api/v1/docs."""

from typing import Any

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
)
from gotong.campaigns import selectors as campaign_selectors
from gotong.campaigns.models import PUBLIC_STATUSES, Campaign, Category
from gotong.donations import services as donation_services
from gotong.donations.selectors import donation_get, donations_settled
from gotong.payments.gateways.base import GatewayError
from gotong.payments.services import payment_start

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


def _public_campaign(slug: str) -> Campaign:
    return get_object_or_404(Campaign, slug=slug, status__in=PUBLIC_STATUSES)


@api.get("/campaigns", response=list[CampaignOut], tags=["campaigns"])
@paginate(PageNumberPagination, page_size=20)
def campaigns_list(request: HttpRequest, category: Query[Category | None] = None) -> Any:
    """Published campaigns open for donations, newest first; `?category=` filters."""
    return campaign_selectors.campaigns_by_category(category=category.value if category else None)


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
@paginate(PageNumberPagination, page_size=50)
def campaign_donations(request: HttpRequest, slug: str) -> Any:
    """Settled donations, newest first. Anonymous donors appear as "Orang Baik"; never emails."""
    return donations_settled(campaign=_public_campaign(slug))


@api.get(
    "/donations/{order_id}", response={200: DonationStatusOut, 404: ErrorOut}, tags=["donations"]
)
def donation_status(request: HttpRequest, order_id: str) -> Any:
    donation = donation_get(order_id=order_id)
    if donation is None:
        return Status(404, {"detail": "Donasi tidak ditemukan."})
    return {"order_id": donation.order_id, "amount": donation.amount, "status": donation.status}
