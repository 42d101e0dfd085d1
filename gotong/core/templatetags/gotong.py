from __future__ import annotations

from urllib.parse import quote

from django import template

from gotong.core.money import rupiah as format_rupiah

register = template.Library()


@register.filter
def rupiah(amount: int | None) -> str:
    return format_rupiah(int(amount or 0))


@register.filter
def urlquote(value: str) -> str:
    return quote(str(value), safe="")
