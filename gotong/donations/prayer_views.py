"""The "Aamiin" button under donors' prayers: a plain POST form that works without JavaScript
(back to the campaign page with a message), and the same POST asked for JSON by amen.js."""

from __future__ import annotations

import re
import secrets
from typing import cast

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from gotong.accounts.models import User
from gotong.campaigns.selectors import campaign_get_public
from gotong.donations.prayers import PrayerNotFound, prayer_amen

# A guest's browser: a random id in a signed cookie, so one browser says Aamiin once.
AMEN_COOKIE = "gotong_amen"
AMEN_COOKIE_SALT = "gotong.donations.amen"
AMEN_COOKIE_SECONDS = 365 * 24 * 3600
BROWSER_ID = re.compile(r"[0-9a-f]{32}")


def amen_label(count: int) -> str:
    return ngettext("%(n)s orang mengaminkan doa ini", "%(n)s orang mengaminkan doa ini", count) % {
        "n": count
    }


def _wants_json(request: HttpRequest) -> bool:
    return "application/json" in request.headers.get("Accept", "")


def _not_found(request: HttpRequest) -> HttpResponse:
    if _wants_json(request):
        return JsonResponse(
            {"error": "not_found", "message": _("Doa ini tidak ditemukan.")}, status=404
        )
    raise Http404


@require_POST
def amen(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    campaign = campaign_get_public(slug=slug)
    if campaign is None:
        return _not_found(request)
    user = cast(User, request.user) if request.user.is_authenticated else None
    browser_id, new_browser = "", False
    if user is None:
        browser_id = request.get_signed_cookie(AMEN_COOKIE, default="", salt=AMEN_COOKIE_SALT) or ""
        if not BROWSER_ID.fullmatch(browser_id):
            browser_id, new_browser = secrets.token_hex(16), True
    try:
        result = prayer_amen(
            campaign=campaign,
            donation_id=pk,
            user=user,
            browser_id=browser_id,
        )
    except PrayerNotFound:
        return _not_found(request)
    response: HttpResponse
    if _wants_json(request):
        response = JsonResponse(
            {"count": result.count, "label": amen_label(result.count), "amened": True}
        )
    else:
        messages.success(request, _("Aamiin Anda tercatat."))
        response = redirect(f"{campaign.get_absolute_url()}#doa-{pk}")
    if new_browser:
        response.set_signed_cookie(
            AMEN_COOKIE,
            browser_id,
            salt=AMEN_COOKIE_SALT,
            max_age=AMEN_COOKIE_SECONDS,
            httponly=True,
            samesite="Lax",
            secure=settings.SESSION_COOKIE_SECURE,
        )
    return response
