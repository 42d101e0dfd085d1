"""Midtrans' wire protocol: signature, amount format, status vocabulary. Pure functions, no I/O."""

from __future__ import annotations

import datetime
import hashlib
import hmac
import re
from zoneinfo import ZoneInfo

from gotong.donations.transitions import DonationEvent

ORDER_ID_RE = re.compile(r"^[A-Za-z0-9\-_~.]{1,50}$")
# Exactly how Midtrans writes an IDR amount: ASCII digits, a dot, two digits ("50000.00").
GROSS_AMOUNT_RE = re.compile(r"\A[0-9]+\.[0-9]{2}\Z")

# The status codes Midtrans sends with each status that moves money. The signature covers
# status_code but not transaction_status, so a signed "pending" (201) body whose status was
# rewritten to "settlement" must not book money: money moves only when both agree.
MONEY_STATUS_CODES: dict[str, str] = {
    "settlement": "200",
    "capture": "200",
    "refund": "200",
    "partial_refund": "200",
    "chargeback": "200",
    "partial_chargeback": "200",
    "deny": "202",
}

REQUIRED_FIELDS = ("order_id", "status_code", "gross_amount", "signature_key", "transaction_status")


def signature_key(*, order_id: str, status_code: str, gross_amount: str, server_key: str) -> str:
    """SHA-512 over the strings exactly as Midtrans sends them, e.g. gross_amount "50000.00"."""
    data = f"{order_id}{status_code}{gross_amount}{server_key}".encode()
    return hashlib.sha512(data).hexdigest()


def signature_valid(payload: dict[str, str], *, server_key: str) -> bool:
    expected = signature_key(
        order_id=payload["order_id"],
        status_code=payload["status_code"],
        gross_amount=payload["gross_amount"],
        server_key=server_key,
    )
    return hmac.compare_digest(expected, payload["signature_key"].lower())


def amount_parse(gross_amount: str) -> int | None:
    """Whole rupiah from Midtrans' "50000.00"; None for any other spelling or a fraction."""
    if not GROSS_AMOUNT_RE.match(gross_amount):
        return None
    whole, fraction = gross_amount.split(".")
    return int(whole) if fraction == "00" else None


def status_code_agrees(*, transaction_status: str, status_code: str) -> bool:
    expected = MONEY_STATUS_CODES.get(transaction_status)
    return expected is None or expected == status_code


_EVENTS: dict[str, str] = {
    "settlement": DonationEvent.PAID,
    "pending": DonationEvent.PENDING,
    "authorize": DonationEvent.PENDING,
    "expire": DonationEvent.FAILED,
    "cancel": DonationEvent.FAILED,
    "failure": DonationEvent.FAILED,
    "deny": DonationEvent.DENIED,
    "refund": DonationEvent.REFUNDED,
    "partial_refund": DonationEvent.PARTIAL,
    "chargeback": DonationEvent.CHARGED_BACK,
    "partial_chargeback": DonationEvent.PARTIAL,
}


def subscription_id_of(payload: dict[str, object]) -> str:
    """The subscription a scheduled charge belongs to: Midtrans' recurring notifications carry
    the subscription as an object (`"subscription": {"id": …}`); '' for any other payment."""
    subscription = payload.get("subscription")
    found = subscription.get("id") if isinstance(subscription, dict) else None
    return found[:64] if isinstance(found, str) and ORDER_ID_RE.match(found) else ""


def transaction_time_of(payload: dict[str, object]) -> datetime.datetime | None:
    """When Midtrans made the transaction: `transaction_time`, "YYYY-MM-DD HH:MM:SS" in
    Jakarta time; None when missing or unreadable."""
    value = payload.get("transaction_time")
    if not isinstance(value, str):
        return None
    try:
        moment = datetime.datetime.strptime(value, "%Y-%m-%d %H:%M:%S")
    except ValueError:
        return None
    return moment.replace(tzinfo=ZoneInfo("Asia/Jakarta"))


def saved_token_of(payload: dict[str, object]) -> str:
    """A card payment made with `save_card`: the token later charges use ('' for any other)."""
    token = payload.get("saved_token_id")
    return token[:100] if isinstance(token, str) else ""


def event_of(*, transaction_status: str, fraud_status: str) -> str | None:
    """Midtrans' transaction_status (and fraud_status for cards) as a donation event; None for
    a status Gotong does not act on. A card capture still under fraud review is pending."""
    if transaction_status == "capture":
        return DonationEvent.PAID if fraud_status in ("accept", "") else DonationEvent.PENDING
    return _EVENTS.get(transaction_status)
