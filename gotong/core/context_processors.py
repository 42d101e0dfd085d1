from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest


def site(request: HttpRequest) -> dict[str, Any]:
    return {
        "PUBLIC_BASE_URL": settings.PUBLIC_BASE_URL,
        "SANDBOX_ENABLED": settings.SANDBOX_ENABLED,
    }
