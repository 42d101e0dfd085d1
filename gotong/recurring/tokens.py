"""Signed links in plan emails (Django's signing with SECRET_KEY, as receipt keys): the plan page
(`?kunci=` over the plan id, no expiry: the donor keeps it for years) and one period's payment
link (plan id and period start, valid while the period can still be paid)."""

from __future__ import annotations

import datetime

from django.core import signing
from django.utils.crypto import constant_time_compare

PLAN_SALT = "gotong.recurring.plan"
PAY_SALT = "gotong.recurring.pay"
PAY_MAX_AGE = datetime.timedelta(days=14)


def plan_key_make(*, plan_id: int) -> str:
    return signing.Signer(salt=PLAN_SALT).signature(str(plan_id))


def plan_key_valid(*, plan_id: int, key: str) -> bool:
    return constant_time_compare(plan_key_make(plan_id=plan_id), key)


def pay_token_make(*, plan_id: int, start: datetime.date) -> str:
    return signing.dumps({"p": plan_id, "s": start.isoformat()}, salt=PAY_SALT)


def pay_token_read(token: str) -> tuple[int, datetime.date]:
    """Raise signing.BadSignature (or SignatureExpired) for a bad or old token."""
    data = signing.loads(token, salt=PAY_SALT, max_age=PAY_MAX_AGE)
    if not isinstance(data, dict) or type(data.get("p")) is not int:
        raise signing.BadSignature("unexpected payload")
    try:
        return data["p"], datetime.date.fromisoformat(str(data.get("s")))
    except ValueError as exc:
        raise signing.BadSignature("unexpected payload") from exc
