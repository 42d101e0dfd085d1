"""Midtrans' wire protocol: signature, status vocabulary. Pure functions, no I/O."""

from __future__ import annotations

import hashlib
import hmac
import re

ORDER_ID_RE = re.compile(r"^[A-Za-z0-9\-_~.]{1,50}$")

SETTLED = "settled"
FAILED = "failed"
PENDING = "pending"
UNHANDLED = "unhandled"

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


def outcome_of(*, transaction_status: str, fraud_status: str) -> str:
    """Map Midtrans' transaction_status (and fraud_status for cards) onto ours."""
    if transaction_status == "settlement":
        return SETTLED
    if transaction_status == "capture":
        return SETTLED if fraud_status in ("accept", "") else PENDING
    if transaction_status in ("expire", "cancel", "deny", "failure"):
        return FAILED
    if transaction_status in ("pending", "authorize"):
        return PENDING
    return UNHANDLED
