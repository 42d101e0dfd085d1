from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.formats import get_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from gotong.campaigns.models import Campaign
from gotong.campaigns.selectors import campaign_get_visible
from gotong.core.forms import apply_validation_error
from gotong.core.money import rupiah
from gotong.core.ratelimit import rate_limited
from gotong.donations.fees import fee_breakdown_text, fee_note, fee_rate, percent_text
from gotong.donations.forms import DonationForm
from gotong.donations.selectors import donation_get
from gotong.notifications.tokens import receipt_key_make
from gotong.payments.checkout import donation_start
from gotong.payments.gateways import gateway_choices
from gotong.payments.gateways.base import GatewayError
from gotong.referrals.attribution import referrer_for
from gotong.seo.meta import whatsapp_url


@require_http_methods(["GET", "POST"])
@rate_limited("donation")
def donate(request: HttpRequest, slug: str) -> HttpResponse:
    campaign = campaign_get_visible(slug=slug, viewer=request.user)  # type: ignore[arg-type]
    if campaign is None:
        raise Http404
    form = DonationForm(
        request.POST or None,
        nominal=request.GET.get("nominal"),
        category=campaign.category,
        methods=gateway_choices(),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            checkout = donation_start(
                campaign=campaign,
                amount=data["amount"],
                name=data["name"],
                email=data["email"],
                is_anonymous=data["is_anonymous"],
                message=data["message"],
                donor=request.user,  # type: ignore[arg-type]
                referrer=referrer_for(request=request, campaign=campaign),
                payment_method=data["payment_method"],
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        except GatewayError:
            messages.error(
                request,
                _(
                    "Pembayaran belum bisa dimulai. Coba beberapa saat lagi; "
                    "donasi Anda belum ditagih."
                ),
            )
        else:
            return redirect(checkout.payment_url)
    status = 422 if request.method == "POST" else 200
    return render(
        request,
        "donations/donate.html",
        {"campaign": campaign, "form": form, "live": _live_context(campaign)},
        status=status,
    )


def _live_context(campaign: Campaign) -> dict[str, object]:
    """The fee line under the amount and what the form's script needs to keep it up to date:
    the thousands separator it groups digits with, the fee rate and the texts it fills in."""
    rate = fee_rate(category=campaign.category)
    return {
        "separator": get_format("THOUSAND_SEPARATOR", lang=get_language()),
        "note": fee_note(category=campaign.category),
        "basis_points": rate,
        "template": fee_breakdown_text(percent=percent_text(rate), fee="{fee}", net="{net}")
        if rate
        else "",
        "minimum": settings.DONATION_MIN_AMOUNT,
        "minimum_text": _("Donasi minimal %(min)s.")
        % {"min": rupiah(settings.DONATION_MIN_AMOUNT)},
    }


@require_GET
def finish(request: HttpRequest, order_id: str) -> HttpResponse:
    """Where the gateway sends the donor back. Shows our own record, never the query string's."""
    donation = donation_get(order_id=order_id)
    if donation is None:
        raise Http404
    campaign = donation.campaign
    # A signed-in donor's own receipt link names them; order ids are public (the ledger).
    own = donation.donor_id is not None and donation.donor_id == request.user.pk
    context = {
        "donation": donation,
        "campaign": campaign,
        "receipt_key": receipt_key_make(order_id=order_id) if own else "",
    }
    if request.htmx:  # type: ignore[attr-defined]
        return render(request, "donations/_status.html", context)
    share_text = _(
        "Saya baru saja berdonasi untuk “%(title)s”. Yuk ikut bantu, setiap rupiahnya tercatat "
        "terbuka: %(url)s"
    ) % {"title": campaign.title, "url": campaign.public_url}
    context |= {
        "poll_seconds": settings.LIVE_TOTAL_POLL_SECONDS,
        "whatsapp_url": whatsapp_url(share_text),
    }
    return render(request, "donations/finish.html", context)
