"""Unsubscribe from one campaign's emails, by the signed link every donor email carries.

No login and no CSRF token: the signed token is the authority, the only effect is an
idempotent unsubscribe of the address it names, and RFC 8058 one-click unsubscribe is a bare
POST from the mail provider. GET only asks for confirmation (link scanners fetch GETs).
"""

from __future__ import annotations

from django.core import signing
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from gotong.campaigns.models import Campaign
from gotong.notifications.services import unsubscription_create
from gotong.notifications.tokens import unsubscribe_token_read


def _private(response: HttpResponse) -> HttpResponse:
    # The token names an address: keep it out of Referer headers and search engines.
    response["Referrer-Policy"] = "no-referrer"
    response["X-Robots-Tag"] = "noindex"
    return response


def _invalid(request: HttpRequest, *, message: str, status: int) -> HttpResponse:
    return _private(
        render(
            request, "notifications/unsubscribe_invalid.html", {"message": message}, status=status
        )
    )


@csrf_exempt
@never_cache
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    try:
        subscription = unsubscribe_token_read(token)
    except signing.SignatureExpired:
        return _invalid(
            request,
            message=_(
                "Tautan berhenti berlangganan ini sudah kedaluwarsa. Gunakan tautan di email "
                "terbaru dari kampanye tersebut."
            ),
            status=400,
        )
    except signing.BadSignature:
        return _invalid(
            request,
            message=_(
                "Tautan berhenti berlangganan ini tidak sah atau terpotong. Salin tautan "
                "lengkap dari email Anda."
            ),
            status=400,
        )
    campaign = Campaign.objects.filter(pk=subscription.campaign_id).first()
    if campaign is None:
        return _invalid(
            request, message=_("Kampanye untuk tautan ini tidak ditemukan."), status=404
        )
    context = {"campaign": campaign, "email": subscription.email}
    if request.method == "POST":
        unsubscription_create(email=subscription.email, campaign=campaign)
        return _private(render(request, "notifications/unsubscribe_done.html", context))
    return _private(render(request, "notifications/unsubscribe.html", context))
