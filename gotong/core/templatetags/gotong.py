from __future__ import annotations

import datetime
from typing import Any

from django import template
from django.utils import timezone
from django.utils.timesince import timesince
from django.utils.translation import gettext as _

from gotong.core.i18n import LanguageVersions, language_versions, og_locale
from gotong.core.money import rupiah as format_rupiah

register = template.Library()


@register.filter
def rupiah(amount: int | None) -> str:
    return format_rupiah(int(amount or 0))


@register.filter
def ago(moment: datetime.datetime | None) -> str:
    """ "baru saja" for the last minute, otherwise the largest unit only: "3 hari lalu", not
    "3 hari, 2 jam lalu"."""
    if moment is None:
        return ""
    if timezone.now() - moment < datetime.timedelta(minutes=1):
        return str(_("baru saja"))
    return _("%(time)s lalu") % {"time": timesince(moment, depth=1)}


@register.simple_tag(takes_context=True)
def page_languages(context: dict[str, Any]) -> LanguageVersions | None:
    """`{% page_languages as languages %}`: this page in each language (hreflang, switcher)."""
    request = context.get("request")
    return language_versions(request) if request is not None else None


@register.simple_tag
def og_locale_of(language: str) -> str:
    """`id_ID` or `en_US` for og:locale."""
    return og_locale(language)
