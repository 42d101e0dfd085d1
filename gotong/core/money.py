"""Rupiah is an integer. This module only formats it; it never does arithmetic with floats."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.utils.formats import get_format
from django.utils.translation import get_language


def rupiah(amount: int) -> str:
    """`Rp 1.250.000` in Indonesian, `Rp 1,250,000` in English: the active language's thousands
    separator, no decimals, always "Rp"."""
    separator = get_format("THOUSAND_SEPARATOR", lang=get_language() or settings.LANGUAGE_CODE)
    sign = "-" if amount < 0 else ""
    return f"{sign}Rp {abs(amount):,}".replace(",", str(separator))


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


_DIGITS = ("nol", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan")
# Short scale as Indonesian uses it, largest first (10^3 ribu ... 10^15 kuadriliun).
_SCALES = ((10**15, "kuadriliun"), (10**12, "triliun"), (10**9, "miliar"), (10**6, "juta"))


def _below_thousand(n: int) -> list[str]:
    words: list[str] = []
    hundreds, rest = divmod(n, 100)
    if hundreds:
        words += ["seratus"] if hundreds == 1 else [_DIGITS[hundreds], "ratus"]
    if rest == 10:
        words.append("sepuluh")
    elif rest == 11:
        words.append("sebelas")
    elif 12 <= rest <= 19:
        words += [_DIGITS[rest - 10], "belas"]
    elif rest >= 20:
        tens, ones = divmod(rest, 10)
        words += [_DIGITS[tens], "puluh"] + ([_DIGITS[ones]] if ones else [])
    elif rest:
        words.append(_DIGITS[rest])
    return words


def _words(n: int) -> list[str]:
    words: list[str] = []
    for size, name in _SCALES:
        count, n = divmod(n, size)
        if count:
            words += [*_words(count), name]
    thousands, n = divmod(n, 1000)
    if thousands == 1:
        words.append("seribu")
    elif thousands:
        words += [*_below_thousand(thousands), "ribu"]
    return words + _below_thousand(n)


def terbilang(amount: int) -> str:
    """An amount of rupiah in Indonesian words, as written on a kuitansi:
    `terbilang(1_250_000)` → "satu juta dua ratus lima puluh ribu rupiah"."""
    if amount < 0:
        return "minus " + terbilang(-amount)
    return " ".join([*(_words(amount) or ["nol"]), "rupiah"])
