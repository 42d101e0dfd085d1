"""Unsubscribe tokens: one address and one campaign, signed with SECRET_KEY (not encrypted:
the address is readable by whoever holds the link, which is the address's own mailbox)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core import signing

SALT = "gotong.notifications.unsubscribe"
# Every email carries a fresh link; a link from an email older than this stops working.
MAX_AGE = datetime.timedelta(days=365)


@dataclass(frozen=True)
class Subscription:
    email: str
    campaign_id: int


def unsubscribe_token_make(*, email: str, campaign_id: int) -> str:
    return signing.dumps({"e": email.lower(), "c": campaign_id}, salt=SALT)


def unsubscribe_token_read(token: str) -> Subscription:
    """Raise signing.SignatureExpired for an old token, signing.BadSignature for any other bad
    one (tampered, truncated, signed for something else)."""
    data = signing.loads(token, salt=SALT, max_age=MAX_AGE)
    if not isinstance(data, dict):
        raise signing.BadSignature("unexpected payload")
    email, campaign_id = data.get("e"), data.get("c")
    if not isinstance(email, str) or not email or type(campaign_id) is not int:
        raise signing.BadSignature("unexpected payload")
    return Subscription(email=email, campaign_id=campaign_id)
