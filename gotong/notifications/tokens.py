"""Signed links in donor email, signed with SECRET_KEY (not encrypted). Unsubscribe tokens: one
address and one campaign (the address is readable by whoever holds the link, which is the
address's own mailbox). Receipt keys: one order id, so the donor's own e-kuitansi carries the
name they gave even when the public sees "Orang Baik"."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core import signing
from django.utils.crypto import constant_time_compare

SALT = "gotong.notifications.unsubscribe"
RECEIPT_SALT = "gotong.notifications.receipt"
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


def receipt_key_make(*, order_id: str) -> str:
    """The key of a donor's own receipt link (`?kunci=`): the order id's signature. It does
    not expire: a receipt is kept for years, and the key shows only the name the donor gave."""
    return signing.Signer(salt=RECEIPT_SALT).signature(order_id)


def receipt_key_valid(*, order_id: str, key: str) -> bool:
    return constant_time_compare(receipt_key_make(order_id=order_id), key)
