"""Rupiah is an integer. This module only formats it; it never does arithmetic with floats."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation


def rupiah(amount: int) -> str:
    """`Rp 1.250.000`: dot as thousands separator, no decimals."""
    sign = "-" if amount < 0 else ""
    return f"{sign}Rp {abs(amount):,}".replace(",", ".")


def parse_gateway_amount(value: str) -> int | None:
    """Midtrans sends amounts as strings like "50000.00"; return whole rupiah or None.

    A value with a non-zero fraction, or anything that is not a number, gives None.
    """
    try:
        amount = Decimal(value)
    except (InvalidOperation, TypeError, ValueError):
        return None
    if not amount.is_finite() or amount != amount.to_integral_value():
        return None
    return int(amount)
