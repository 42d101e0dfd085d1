from __future__ import annotations

from typing import Any, cast

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from gotong.accounts.models import User
from gotong.notifications.selectors import notices_unread_count


def inbox(request: HttpRequest) -> dict[str, Any]:
    """The unread count of the header's badge, counted only when a page shows it."""
    user = request.user
    if not user.is_authenticated:
        return {}
    return {"notices_unread": SimpleLazyObject(lambda: notices_unread_count(user=cast(User, user)))}
