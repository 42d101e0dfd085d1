from __future__ import annotations

import datetime
from typing import Any

from django import template
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.timesince import timesince
from django.utils.translation import gettext as _

from gotong.core.i18n import LanguageVersions, language_versions, og_locale
from gotong.core.money import rupiah as format_rupiah
from gotong.core.pagecache import CSRF_BLANK_FIELD_HTML

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


@register.simple_tag
def csrf_blank() -> str:
    """A CSRF field left blank, for a part of a page shared between visitors: the view fills it
    with each visitor's own token (gotong.core.pagecache.csrf_fill); unfilled, it posts nothing
    anyone could reuse."""
    return mark_safe(CSRF_BLANK_FIELD_HTML)  # noqa: S308 (fixed text)


@register.simple_tag(takes_context=True)
def page_languages(context: dict[str, Any]) -> LanguageVersions | None:
    """`{% page_languages as languages %}`: this page in each language (hreflang, switcher)."""
    request = context.get("request")
    return language_versions(request) if request is not None else None


@register.simple_tag
def og_locale_of(language: str) -> str:
    """`id_ID` or `en_US` for og:locale."""
    return og_locale(language)
