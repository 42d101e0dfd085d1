"""allauth's adapter: every account email (confirmation, password reset, notices of changes)
speaks as Gotong, from the public address, whatever host the request came in on."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings


@dataclass(frozen=True)
class Platform:
    """What allauth's templates read from `current_site`."""

    name: str
    domain: str


def platform() -> Platform:
    return Platform(name="Gotong", domain=urlsplit(settings.PUBLIC_BASE_URL).netloc)


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix: str, email: str, context: dict[str, Any]) -> None:
        super().send_mail(template_prefix, email, {**context, "current_site": platform()})
