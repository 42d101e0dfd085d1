"""The token of an emailed "Donasi saya" link: one address, signed with SECRET_KEY (readable,
not encrypted: whoever holds the link holds that mailbox), valid for `MAX_AGE`."""

from __future__ import annotations

import datetime

from django.core import signing

SALT = "gotong.history.link"
LINK_HOURS = 24
MAX_AGE = datetime.timedelta(hours=LINK_HOURS)


def history_token_make(*, email: str) -> str:
    return signing.dumps({"e": email.strip().lower()}, salt=SALT)


def history_token_read(token: str) -> str:
    """The address the token was made for. Raise signing.SignatureExpired for a token older than
    `MAX_AGE`, signing.BadSignature for any other bad one (tampered, truncated, another salt's)."""
    data = signing.loads(token, salt=SALT, max_age=MAX_AGE)
    email = data.get("e") if isinstance(data, dict) else None
    if not isinstance(email, str) or "@" not in email:
        raise signing.BadSignature("unexpected payload")
    return email
