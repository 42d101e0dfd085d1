"""Donasi saya: a signed-in donor's own donations, and for anyone the form that emails a signed
link to the donations of one address (`/donasi-saya/<token>/`). Private pages: never cached,
never indexed, the token kept out of other sites' Referer headers ("same-origin", not
"no-referrer": with no referrer the browser sends `Origin: null` and the page's own form fails
the CSRF origin check)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core import signing
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from gotong.campaigns.models import PUBLIC_STATUSES
from gotong.donations.models import Donation
from gotong.history.forms import HistoryLinkForm
from gotong.history.selectors import donations_of_email, donations_of_user
from gotong.history.services import history_link_request
from gotong.history.tokens import LINK_HOURS, history_token_read
from gotong.receipts.selectors import RECEIPT_STATUSES

PAGE_SIZE = 20


def _private(response: HttpResponse) -> HttpResponse:
    response["Referrer-Policy"] = "same-origin"
    response["X-Robots-Tag"] = "noindex"
    return response


def _listing(request: HttpRequest, donations: QuerySet[Donation]) -> dict[str, Any]:
    page = Paginator(donations, PAGE_SIZE).get_page(request.GET.get("halaman"))
    return {
        "page": page,
        "receipt_statuses": RECEIPT_STATUSES,
        "public_statuses": PUBLIC_STATUSES,
    }


def _sent_message() -> str:
    return _(
        "Jika ada donasi dengan email tersebut, kami sudah mengirim tautan ke daftar donasinya. "
        "Periksa kotak masuk (dan folder spam). Tautan berlaku %(hours)d jam."
    ) % {"hours": LINK_HOURS}


@never_cache
@require_http_methods(["GET", "POST"])
def my_donations(request: HttpRequest) -> HttpResponse:
    form = HistoryLinkForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        history_link_request(email=form.cleaned_data["email"], language=get_language())
        messages.success(request, _sent_message())
        return redirect("history:mine")
    context: dict[str, Any] = {"form": form, "link_hours": LINK_HOURS}
    if request.user.is_authenticated:
        context |= _listing(request, donations_of_user(user=request.user))
    status = 400 if request.method == "POST" else 200
    return _private(render(request, "history/mine.html", context, status=status))


@never_cache
@require_GET
def by_link(request: HttpRequest, token: str) -> HttpResponse:
    try:
        email = history_token_read(token)
    except signing.SignatureExpired:
        problem = _(
            "Tautan ini sudah kedaluwarsa: tautan daftar donasi berlaku %(hours)d jam. Minta "
            "tautan baru di bawah."
        ) % {"hours": LINK_HOURS}
    except signing.BadSignature:
        problem = _(
            "Tautan ini tidak sah atau terpotong. Salin tautan lengkap dari email Anda, atau "
            "minta tautan baru di bawah."
        )
    else:
        context = {"email": email, **_listing(request, donations_of_email(email=email))}
        return _private(render(request, "history/by_link.html", context))
    context = {"problem": problem, "form": HistoryLinkForm(), "link_hours": LINK_HOURS}
    return _private(render(request, "history/mine.html", context, status=400))
