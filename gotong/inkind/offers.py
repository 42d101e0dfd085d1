"""Writes of offers: what a person or a group can give, where, until when."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gotong.accounts.models import User
from gotong.inkind.contact import whatsapp_clean
from gotong.inkind.models import Offer, OfferLine
from gotong.inkind.needs import LineInput, lines_clean
from gotong.regions.models import Region

MAX_REGIONS = 10


def offer_create(
    *,
    owner: User,
    title: str,
    description: str = "",
    region_codes: list[str],
    lines: list[LineInput],
    contact_whatsapp: str,
    available_until: datetime.date | None = None,
    standing: bool = False,
) -> Offer:
    """An open offer for the regions it serves (any level: a desa, a kota, a province)."""
    if not title.strip():
        raise ValidationError({"title": _("Beri judul tawaran ini.")})
    codes = list(dict.fromkeys(code.strip() for code in region_codes if code.strip()))
    regions = list(Region.objects.filter(code__in=codes))
    if not regions or len(regions) != len(codes) or len(codes) > MAX_REGIONS:
        raise ValidationError({"regions": _("Pilih wilayah yang dilayani (paling banyak 10).")})
    if available_until is not None and available_until < timezone.localdate():
        raise ValidationError({"available_until": _("Tanggal tidak boleh di masa lalu.")})
    if available_until is None and not standing:
        raise ValidationError(
            {"available_until": _("Sampai kapan tawaran ini berlaku? Atau tandai sebagai rutin.")}
        )
    rows = [
        OfferLine(item=row.item, item_other=row.item_other, unit=row.unit, quantity=row.quantity)
        for row in lines_clean(lines)
    ]
    phone = whatsapp_clean(contact_whatsapp, field="contact_whatsapp")
    with transaction.atomic():
        offer = Offer.objects.create(
            owner=owner,
            title=title.strip()[:120],
            description=description.strip()[:3000],
            available_until=available_until,
            standing=standing,
            contact_whatsapp=phone,
        )
        offer.regions.set(regions)
        for row in rows:
            row.offer = offer
        OfferLine.objects.bulk_create(rows)
    return offer
