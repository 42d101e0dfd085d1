"""Staff enrol a second factor before any staff action (decision 30): for a staff account
without an authenticator app, every staff page (the queues under `/staf/`, the few staff
actions elsewhere, `/admin/`) redirects to the enrolment page with a word of why, and staff
API actions (under `/api/v1/staf/`) answer 403 JSON."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from gotong.accounts.mfa import mfa_missing
from gotong.api.errors import ErrorCode, error_body

LANGUAGE_PREFIX = "|".join(re.escape(code) for code, _name in settings.LANGUAGES)
STAFF_PAGE = re.compile(rf"^/(?:(?:{LANGUAGE_PREFIX})/)?staf/|^/admin/")
STAFF_API = re.compile(r"^/api/v1/staf/")
# Staff decisions whose address is not under /staf/ (they sit next to what they decide on).
STAFF_VIEWS = frozenset({"info:verdict"})


def is_staff_address(request: HttpRequest) -> bool:
    match = request.resolver_match
    return bool(STAFF_PAGE.match(request.path_info)) or (
        match is not None and match.view_name in STAFF_VIEWS
    )


class StaffMfaMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view: Callable[..., Any], args: Any, kwargs: Any
    ) -> HttpResponse | None:
        if STAFF_API.match(request.path_info):
            if mfa_missing(request.user):
                detail = _("Aktifkan verifikasi dua langkah sebelum tindakan staf.")
                return JsonResponse(error_body(ErrorCode.MFA_REQUIRED, detail), status=403)
            return None
        if not is_staff_address(request) or not mfa_missing(request.user):
            return None
        messages.warning(
            request,
            _(
                "Akun staf memindahkan uang dan memutuskan nasib orang, jadi wajib memakai "
                "verifikasi dua langkah. Aktifkan aplikasi autentikator dulu, lalu lanjutkan."
            ),
        )
        return HttpResponseRedirect(reverse("mfa_activate_totp"))
