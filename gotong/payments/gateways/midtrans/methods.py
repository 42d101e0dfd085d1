"""Midtrans' payment methods: the code Gotong stores for one (`Donation.payment_type`) and the
name donors read.

A notification's `payment_type` alone does not name a virtual account's bank
("bank_transfer"), nor a convenience store ("cstore"), so the stored code is Snap's channel
name instead (the one `enabled_payments` takes): `bca_va`, `bni_va`, `bri_va`, `cimb_va`,
`permata_va`, `echannel` (Mandiri Bill), `indomaret`, `alfamart`, and `payment_type` itself for
every other method (`qris`, `gopay`, `shopeepay`, `credit_card`, ...).
https://docs.midtrans.com/reference/http-notification
"""

from __future__ import annotations

from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

MAX_LENGTH = 32  # Donation.payment_type

_NAMES: dict[str, str | Promise] = {
    "qris": "QRIS",
    "gopay": "GoPay",
    "shopeepay": "ShopeePay",
    "bca_va": "BCA Virtual Account",
    "bni_va": "BNI Virtual Account",
    "bri_va": "BRI Virtual Account",
    "cimb_va": "CIMB Niaga Virtual Account",
    "permata_va": "Permata Virtual Account",
    "other_va": _("Virtual Account bank lain"),
    "bank_transfer": "Virtual Account",
    "echannel": "Mandiri Bill Payment",
    "credit_card": _("Kartu kredit/debit"),
    "indomaret": "Indomaret",
    "alfamart": "Alfamart",
    "cstore": _("Gerai ritel"),
    "akulaku": "Akulaku",
    "kredivo": "Kredivo",
}


def method_code(payload: dict[str, Any]) -> str:
    """The channel of a notification or status answer, as stored."""
    payment_type = str(payload.get("payment_type", ""))
    if payment_type == "bank_transfer":
        va_numbers = payload.get("va_numbers")
        first = va_numbers[0] if isinstance(va_numbers, list) and va_numbers else None
        bank = first.get("bank") if isinstance(first, dict) else None
        if isinstance(bank, str) and bank.isalnum():
            return f"{bank.lower()}_va"[:MAX_LENGTH]
        if payload.get("permata_va_number"):
            return "permata_va"
    if payment_type == "cstore":
        store = payload.get("store")
        if isinstance(store, str) and store.lower() in _NAMES:
            return store.lower()
    return payment_type[:MAX_LENGTH]


def method_name(code: str) -> str:
    """What donors read for a stored code; a code this table does not know yet is shown
    tidied up ("new_wallet" → "New Wallet") rather than raw."""
    name = _NAMES.get(code)
    return code.replace("_", " ").title() if name is None else str(name)
