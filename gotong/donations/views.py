from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from gotong.campaigns.selectors import campaign_get_visible
from gotong.core.forms import apply_validation_error
from gotong.donations.forms import PRESET_AMOUNTS, DonationForm
from gotong.donations.selectors import donation_get
from gotong.notifications.tokens import receipt_key_make
from gotong.payments.checkout import donation_start
from gotong.payments.gateways import gateway_choices
from gotong.payments.gateways.base import GatewayError
from gotong.referrals.attribution import referrer_for


@require_http_methods(["GET", "POST"])
def donate(request: HttpRequest, slug: str) -> HttpResponse:
    campaign = campaign_get_visible(slug=slug, viewer=request.user)  # type: ignore[arg-type]
    if campaign is None:
        raise Http404
    form = DonationForm(
        request.POST or None,
        initial={"amount": request.GET.get("nominal")},
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
        {"campaign": campaign, "form": form, "presets": PRESET_AMOUNTS},
        status=status,
    )


@require_GET
def finish(request: HttpRequest, order_id: str) -> HttpResponse:
    """Where the gateway sends the donor back. Shows our own record, never the query string's."""
    donation = donation_get(order_id=order_id)
    if donation is None:
        raise Http404
    template = "donations/_status.html" if request.htmx else "donations/finish.html"  # type: ignore[attr-defined]
    # A signed-in donor's own receipt link names them; order ids are public (the ledger).
    own = donation.donor_id is not None and donation.donor_id == request.user.pk
    context = {
        "donation": donation,
        "campaign": donation.campaign,
        "receipt_key": receipt_key_make(order_id=order_id) if own else "",
    }
    return render(request, template, context)
