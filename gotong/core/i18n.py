"""The two languages (decision 15): which one is active, and the same page in each of them.

People's pages are Indonesian at the root and English under `/en/` (config/urls.py). The
language switcher and the `hreflang` links of every page come from `language_versions`.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse, translate_url
from django.utils import translation

# Query parameters that make a different page of the same view, kept when switching language.
# Nothing else is carried over: a page served from the page cache must not hand one
# visitor's parameters (a `ref` code, say) to the next, and the list's cache key holds exactly
# `kategori` and `halaman` (gotong/campaigns/urls.py).
PAGE_PARAMS: dict[str, tuple[str, ...]] = {
    "campaigns:list": ("kategori", "halaman"),
    "search:results": ("q", "kategori", "urutkan", "halaman"),
    "receipts:verify": ("order", "jumlah", "leaf", "size", "root"),
    "donations:donate": ("nominal",),
}

# Open Graph wants a territory; schema.org's inLanguage takes a BCP 47 tag.
OG_LOCALES = {"id": "id_ID", "en": "en_US"}
BCP47_TAGS = {"id": "id-ID", "en": "en-US"}


def language_current() -> str:
    """The active language as one of settings.LANGUAGES (the default when none is active)."""
    try:
        return translation.get_supported_language_variant(
            translation.get_language() or settings.LANGUAGE_CODE
        )
    except LookupError:
        return settings.LANGUAGE_CODE


def language_or_default(code: str | None) -> str:
    """A stored language code if the site still offers it, else the default language."""
    return code if code in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def og_locale(language: str | None = None) -> str:
    return OG_LOCALES.get(language or language_current(), OG_LOCALES[settings.LANGUAGE_CODE])


def bcp47_tag(language: str | None = None) -> str:
    return BCP47_TAGS.get(language or language_current(), BCP47_TAGS[settings.LANGUAGE_CODE])


@dataclass(frozen=True)
class LanguageVersion:
    code: str
    name: str
    path: str  # for the switcher's link
    url: str  # absolute on PUBLIC_BASE_URL, for hreflang
    current: bool


@dataclass(frozen=True)
class LanguageVersions:
    versions: list[LanguageVersion]
    # False on a page that matched no URL (a 404): it has no versions, the switcher goes home.
    found: bool

    @property
    def default_url(self) -> str:
        """`x-default`: the version in the default language, at the root."""
        return next(v.url for v in self.versions if v.code == settings.LANGUAGE_CODE)


def _page_query(request: HttpRequest) -> str:
    match = request.resolver_match
    names = PAGE_PARAMS.get(match.view_name, ()) if match is not None else ()
    pairs = [(name, value) for name in names for value in request.GET.getlist(name) if value]
    return f"?{urlencode(pairs)}" if pairs else ""


@lru_cache(maxsize=4096)
def _translated(urlconf: str, language: str, path: str, code: str) -> str:
    # `translate_url` resolves and reverses the path (in the active language), a good part of
    # a page's own work; the answer depends on nothing else, so it is kept.
    return translate_url(path, code)


def language_versions(request: HttpRequest) -> LanguageVersions:
    """This page in every language of settings.LANGUAGES, in that order."""
    current = language_current()
    found = request.resolver_match is not None
    query = _page_query(request)
    versions = []
    for code, name in settings.LANGUAGES:
        if found:
            urlconf = getattr(request, "urlconf", None) or settings.ROOT_URLCONF
            path = _translated(urlconf, current, request.path, code)
        else:
            with translation.override(code):
                path = reverse("campaigns:home")
        versions.append(
            LanguageVersion(
                code=code,
                name=name,
                path=path + query,
                url=f"{settings.PUBLIC_BASE_URL}{path}{query}",
                current=code == current,
            )
        )
    return LanguageVersions(versions=versions, found=found)
