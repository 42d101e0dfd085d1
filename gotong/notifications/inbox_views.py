"""The signed-in person's notices at `/notifikasi/`: newest first, unread ones marked, and one
button that marks them all read. Only one's own notices exist here."""

from __future__ import annotations

from typing import cast

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from gotong.accounts.models import User
from gotong.notifications.notices import notices_mark_read
from gotong.notifications.selectors import notices_for


@never_cache
@login_required
@require_GET
def inbox(request: HttpRequest) -> HttpResponse:
    page = Paginator(notices_for(user=cast(User, request.user)), 20).get_page(
        request.GET.get("halaman")
    )
    return render(request, "notifications/inbox.html", {"page": page})


@login_required
@require_POST
def inbox_mark_read(request: HttpRequest) -> HttpResponse:
    notices_mark_read(user=cast(User, request.user))
    return redirect("notifications:inbox")
