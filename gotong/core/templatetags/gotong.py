from __future__ import annotations

import datetime
from urllib.parse import quote

from django import template
from django.utils import timezone
from django.utils.timesince import timesince
from django.utils.translation import gettext as _

from gotong.core.money import rupiah as format_rupiah

register = template.Library()


@register.filter
def rupiah(amount: int | None) -> str:
    return format_rupiah(int(amount or 0))


@register.filter
def urlquote(value: str) -> str:
    return quote(str(value), safe="")


@register.filter
def ago(moment: datetime.datetime | None) -> str:
    """ "baru saja" for the last minute, otherwise "3 jam lalu"."""
    if moment is None:
        return ""
    if timezone.now() - moment < datetime.timedelta(minutes=1):
        return str(_("baru saja"))
    return _("%(time)s lalu") % {"time": timesince(moment)}
