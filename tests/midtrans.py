"""Test helpers that speak Midtrans' notification format, written independently of the app."""

from __future__ import annotations

import hashlib
import json
import uuid

from django.conf import settings

STATUS_CODES = {
    "settlement": "200",
    "capture": "200",
    "pending": "201",
    "deny": "202",
    "cancel": "200",
    "expire": "407",
}


def notification(
    order_id: str,
    amount: int,
    transaction_status: str = "settlement",
    *,
    server_key: str | None = None,
    payment_type: str = "qris",
    gross_amount: str | None = None,
    fraud_status: str = "accept",
) -> dict[str, str]:
    """A Midtrans HTTP notification body, signed as Midtrans signs it."""
    status_code = STATUS_CODES[transaction_status]
    gross = gross_amount if gross_amount is not None else f"{amount}.00"
    key = server_key if server_key is not None else settings.MIDTRANS_SERVER_KEY
    signature = hashlib.sha512((order_id + status_code + gross + key).encode()).hexdigest()
    return {
        "transaction_time": "2026-11-27 10:00:00",
        "transaction_status": transaction_status,
        "transaction_id": str(uuid.uuid4()),
        "status_message": "midtrans payment notification",
        "status_code": status_code,
        "signature_key": signature,
        "payment_type": payment_type,
        "order_id": order_id,
        "merchant_id": "G000000000",
        "gross_amount": gross,
        "fraud_status": fraud_status,
        "currency": "IDR",
    }


def body(payload: dict[str, str]) -> str:
    return json.dumps(payload)


def sign(order_id: str, status_code: str, gross_amount: str, server_key: str | None = None) -> str:
    """Midtrans' signature_key over exactly these strings."""
    key = server_key if server_key is not None else settings.MIDTRANS_SERVER_KEY
    return hashlib.sha512((order_id + status_code + gross_amount + key).encode()).hexdigest()
