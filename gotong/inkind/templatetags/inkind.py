from __future__ import annotations

from django import template

from gotong.inkind.catalogue import Item, unit_label
from gotong.inkind.models import NeedLine, OfferLine

register = template.Library()


def _percent(part: int, whole: int) -> int:
    return min(100, part * 100 // whole) if whole else 0


@register.filter
def unit(line: NeedLine | OfferLine) -> str:
    return unit_label(line.item, line.unit)


@register.filter
def offer_label(line: OfferLine) -> str:
    return line.item_other if line.item == Item.LAINNYA else str(Item(line.item).label)


@register.filter
def pledged_percent(line: NeedLine) -> int:
    return _percent(line.pledged, line.quantity)


@register.filter
def delivered_percent(line: NeedLine) -> int:
    return _percent(line.delivered, line.quantity)
