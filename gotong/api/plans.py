"""API v1: start a donasi rutin (the same service as the web form)."""

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Status

from gotong.api.errors import ErrorCode, NotFound, error_body, rate_limit_check
from gotong.api.schemas import ErrorOut, PlanCreatedOut, PlanIn
from gotong.campaigns.selectors import campaign_get_public
from gotong.payments.gateways.base import GatewayError
from gotong.recurring.automatic import plan_start_automatic
from gotong.recurring.models import AutomaticType, MethodKind
from gotong.recurring.services import plan_start
from gotong.referrals.attribution import referrer_for

router = Router(tags=["plans"])


@router.post(
    "/campaigns/{slug}/plans",
    response={201: PlanCreatedOut, 404: ErrorOut, 422: ErrorOut, 429: ErrorOut, 502: ErrorOut},
    operation_id="gotong_api_urls_plan_create",
)
def plan_create(request: HttpRequest, slug: str, payload: PlanIn) -> Any:
    """Start a donasi rutin. A reminder plan's first period is paid now at `payment_url`, and
    the donor gets a reminder with a payment link for every period after; an automatic plan
    starts once the donor approved the GoPay link at `payment_url`. Either way the donor gets
    a signed link to manage it."""
    rate_limit_check(request, "donation")
    campaign = campaign_get_public(slug=slug)
    if campaign is None:
        raise NotFound(_("Kampanye tidak ditemukan."))
    try:
        if payload.method == MethodKind.AUTOMATIC:
            started = plan_start_automatic(
                campaign=campaign,
                amount=payload.amount,
                cadence=payload.cadence,
                day=payload.day,
                name=payload.name,
                email=payload.email,
                is_anonymous=payload.anonymous,
                message=payload.message,
                payment_type=payload.payment_method or AutomaticType.GOPAY,
                phone=payload.phone,
                donor=request.user,  # type: ignore[arg-type]
                language=settings.LANGUAGE_CODE,
            )
        else:
            started = plan_start(
                campaign=campaign,
                amount=payload.amount,
                cadence=payload.cadence,
                day=payload.day,
                name=payload.name,
                email=payload.email,
                is_anonymous=payload.anonymous,
                message=payload.message,
                method=payload.method,
                payment_method=payload.payment_method,
                donor=request.user,  # type: ignore[arg-type]
                referrer=referrer_for(request=request, campaign=campaign),
                language=settings.LANGUAGE_CODE,
            )
    except ValidationError as exc:
        errors = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
        return Status(422, error_body(ErrorCode.INVALID, _("Data tidak valid."), errors))
    except GatewayError:
        unreachable = _("Gateway pembayaran tidak dapat dihubungi. Coba lagi nanti.")
        return Status(502, error_body(ErrorCode.GATEWAY_UNAVAILABLE, unreachable))
    plan = started.plan
    return Status(
        201,
        {
            "plan_id": plan.pk,
            "status": plan.status,
            "amount": plan.amount,
            "cadence": plan.cadence,
            "day": plan.day,
            "next_due": plan.next_due.isoformat(),
            "payment_url": started.payment_url,
        },
    )
