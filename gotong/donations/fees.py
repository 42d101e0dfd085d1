"""The platform fee policy: a share of each settled donation, booked as its own ledger entry.

Rates are integer basis points (1/100 of a percent). The ceiling is the legal limit for the
costs of a collection (PP 29/1980 art. 6: at most 10%); settings refuse anything above it.
"""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import gettext as _

BASIS_POINTS = 10_000
CEILING_BASIS_POINTS = 1_000  # 10%


def fee_rate(*, category: str) -> int:
    """Basis points charged on donations to a campaign of this category."""
    if category in settings.FEE_ZERO_CATEGORIES:
        return 0
    return int(settings.PLATFORM_FEE_BASIS_POINTS)


def fee_for(*, amount: int, category: str) -> int:
    """The fee on one donation, rounded down: any rounding favours the campaign."""
    return amount * fee_rate(category=category) // BASIS_POINTS


def percent_text(basis_points: int) -> str:
    whole, rest = divmod(basis_points, 100)
    return f"{whole}%" if rest == 0 else f"{whole},{rest:02d}".rstrip("0") + "%"


def fee_policy_text(*, category: str) -> str:
    """One sentence for the campaign page."""
    rate = fee_rate(category=category)
    if rate == 0:
        return _("Tanpa biaya platform: seluruh donasi untuk kampanye ini diteruskan ke penerima.")
    return _(
        "Biaya platform %(percent)s dari setiap donasi, dicatat sebagai entri terpisah di buku "
        "besar publik (batas hukum 10%%)."
    ) % {"percent": percent_text(rate)}


def fee_breakdown_text(*, percent: str, fee: str, net: str) -> str:
    """The fee on one amount, as the donation form says it; also its script's template."""
    return _(
        "Biaya platform %(percent)s: %(fee)s — diambil dari donasi, %(net)s untuk kampanye."
    ) % {
        "percent": percent,
        "fee": fee,
        "net": net,
    }


def fee_note(*, category: str) -> str:
    """What the donation form says under the amount before one is known (or without script)."""
    rate = fee_rate(category=category)
    if rate == 0:
        return _("Tanpa biaya platform: seluruh donasi Anda diteruskan ke kampanye.")
    return _(
        "Biaya platform %(percent)s diambil dari donasi (dibulatkan ke bawah); sisanya untuk "
        "kampanye."
    ) % {"percent": percent_text(rate)}
