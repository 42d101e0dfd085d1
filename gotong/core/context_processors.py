from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from gotong.accounts.roles import roles_held


def site(request: HttpRequest) -> dict[str, Any]:
    return {
        "PUBLIC_BASE_URL": settings.PUBLIC_BASE_URL,
        "SANDBOX_ENABLED": settings.SANDBOX_ENABLED,
        # The footer of every page: who runs the collection, under which permit.
        "FOUNDATION_NAME": settings.FOUNDATION_NAME,
        "FOUNDATION_PUB_PERMIT": settings.FOUNDATION_PUB_PERMIT,
        # How long the parts every visitor of a page sees alike are kept ({% cache %}).
        "PAGE_CACHE_SECONDS": settings.PAGE_CACHE_SECONDS,
        # The staff links in the header: only to the queues this person may open.
        "roles": SimpleLazyObject(lambda: roles_held(request.user)),
    }
