"""API v1: donations (start one, a campaign's settled gifts, one donation's status)."""

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Status
from ninja.pagination import paginate

from gotong.api.errors import ErrorCode, NotFound, error_body, rate_limit_check
from gotong.api.pagination import PageNumbers
from gotong.api.schemas import (
    DonationCreatedOut,
    DonationIn,
    DonationStatusOut,
    ErrorOut,
    PublicDonationOut,
)
from gotong.campaigns.selectors import campaign_get_public
from gotong.donations.selectors import donation_get, donations_settled
from gotong.payments.checkout import donation_start
from gotong.payments.gateways.base import GatewayError
from gotong.referrals.attribution import referrer_for

router = Router(tags=["donations"])


@router.post(
    "/campaigns/{slug}/donations",
    response={201: DonationCreatedOut, 404: ErrorOut, 422: ErrorOut, 429: ErrorOut, 502: ErrorOut},
    operation_id="gotong_api_urls_donation_create",
)
def donation_create(request: HttpRequest, slug: str, payload: DonationIn) -> Any:
    """Start a donation: returns the gateway's payment page URL. It counts once settled."""
    rate_limit_check(request, "donation")
    campaign = campaign_get_public(slug=slug)
    if campaign is None:
        raise NotFound(_("Kampanye tidak ditemukan."))
    try:
        checkout = donation_start(
            campaign=campaign,
            amount=payload.amount,
            name=payload.name,
            email=payload.email,
            is_anonymous=payload.anonymous,
            message=payload.message,
            donor=request.user,  # type: ignore[arg-type]
            referrer=referrer_for(request=request, campaign=campaign),
            payment_method=payload.payment_method,
            # Errors answer in the request's language; the donation is Indonesian, as every
            # donation made through the API (its emails, its return page: decision 15).
            language=settings.LANGUAGE_CODE,
        )
    except ValidationError as exc:
        errors = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
        return Status(422, error_body(ErrorCode.INVALID, _("Data tidak valid."), errors))
    except GatewayError:
        unreachable = _("Gateway pembayaran tidak dapat dihubungi. Coba lagi nanti.")
        return Status(502, error_body(ErrorCode.GATEWAY_UNAVAILABLE, unreachable))
    return Status(
        201,
        {
            "order_id": checkout.donation.order_id,
            "amount": checkout.donation.amount,
            "status": checkout.donation.status,
            "payment_url": checkout.payment_url,
            "payment_method": checkout.donation.gateway,
        },
    )


@router.get(
    "/campaigns/{slug}/donations",
    response=list[PublicDonationOut],
    operation_id="gotong_api_urls_campaign_donations",
)
@paginate(PageNumbers, page_size=50)
def campaign_donations(request: HttpRequest, slug: str) -> Any:
    """Settled donations, newest first. Anonymous donors appear as "Orang Baik"; never emails."""
    campaign = campaign_get_public(slug=slug)
    if campaign is None:
        raise NotFound(_("Kampanye tidak ditemukan."))
    return donations_settled(campaign=campaign)


@router.get(
    "/donations/{order_id}",
    response={200: DonationStatusOut, 404: ErrorOut},
    operation_id="gotong_api_urls_donation_status",
)
def donation_status(request: HttpRequest, order_id: str) -> Any:
    donation = donation_get(order_id=order_id)
    if donation is None:
        return Status(404, error_body(ErrorCode.NOT_FOUND, _("Donasi tidak ditemukan.")))
    return {"order_id": donation.order_id, "amount": donation.amount, "status": donation.status}
