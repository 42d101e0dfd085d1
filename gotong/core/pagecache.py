"""Whole-page cache for anonymous visitors (home, list, campaign pages).

A cached page is keyed by the path, the query parameters the view reads, the language, whether
htmx asked for it, and a *validator*: a cheap value that changes whenever what the page shows
changes (for a campaign: its status, counters and `updated_at`, one primary-key lookup; for
lists: the newest ledger entry id, one index lookup). A settled donation changes the validator,
so the next request renders afresh: the cache never shows an old total. Whatever the validator
does not cover (a new kabar terbaru, a moderation note, a report turning overdue with time)
expires with `PAGE_CACHE_SECONDS` (10 s by default; 0 turns the cache off).

Only anonymous GETs without a session or pending messages are served from or stored in the
cache, and only complete 200 answers that set no cookie but the CSRF one. A page's CSRF form
fields are stored blank and filled with each visitor's own token when served (and the CSRF
cookie set as CsrfViewMiddleware would), so a cached form (the campaign page's "Aamiin")
posts for whoever sees it. Cache: local memory, or Redis with `REDIS_URL` (settings).

Views opt in with `anonymous_page_cache`; `PageCacheMiddleware` does the work, early in
MIDDLEWARE (after the security headers, whitenoise, gzip and the referral cookie): a hit is
answered before sessions, locale, CSRF, auth, messages and URL dispatch run. It stores the
answer with the headers those middleware gave it (Vary, Content-Language, X-Frame-Options...),
and its body compressed once (gotong.core.gzipparts), so a hit does not gzip the page again.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache, wraps
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import CSRF_TOKEN_LENGTH, CsrfViewMiddleware, get_token
from django.urls import Resolver404, ResolverMatch, resolve
from django.utils import translation
from django.utils.cache import patch_vary_headers

from gotong.core.gzipparts import Parts, parts_gzip, parts_pack, parts_plain
from gotong.core.replica_reads import reads_replica
from gotong.core.routers import public_reads, replica_aliases

View = Callable[..., HttpResponse]
Validator = Callable[..., object]
HIT_HEADER = "X-Page-Cache"
CSRF_FIELD = re.compile(rb'(name="csrfmiddlewaretoken" value=")[^"]*"')
CSRF_BLANK = rb'\1"'
CSRF_BLANK_FIELD = b'name="csrfmiddlewaretoken" value=""'
CSRF_BLANK_FIELD_HTML = '<input type="hidden" name="csrfmiddlewaretoken" value="">'
CSRF_HOLE = re.compile(rb'(?<=name="csrfmiddlewaretoken" value=")(?=")')
ACCEPTS_GZIP = re.compile(r"\bgzip\b")  # as django.middleware.gzip reads Accept-Encoding
NOT_STORED = frozenset({"content-length", HIT_HEADER.lower()})  # cookies are not headers here


@dataclass(frozen=True)
class Policy:
    validator: Validator
    params: tuple[str, ...]


@dataclass(frozen=True)
class _Page:
    key: str
    match: ResolverMatch
    language: str


def anonymous_page_cache(
    *, validator: Validator, params: tuple[str, ...] = ()
) -> Callable[[View], View]:
    """Serve the view from the cache for anonymous visitors. `validator(**view_kwargs)` returns
    a value that changes when the page's content does, or None to skip the cache."""

    def decorate(view: View) -> View:
        @wraps(view)
        def cached_view(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            return view(request, *args, **kwargs)

        cached_view.page_cache = Policy(validator=validator, params=params)  # type: ignore[attr-defined]
        return cached_view

    return decorate


@lru_cache(maxsize=4096)
def _resolve(urlconf: str, language: str, path: str) -> ResolverMatch | None:
    # Language-prefixed patterns match the active language's prefix only.
    with translation.override(language):
        try:
            return resolve(path, urlconf)
        except Resolver404:
            return None


def _language(path: str) -> str:
    """The page's language: from the path alone (decision 15), as LocaleMiddleware decides it
    for these patterns (a prefix that is no language code of ours matches no cached page:
    `_storable` checks the language the page was rendered in)."""
    prefix = path.split("/", 2)[1] if path.count("/") > 1 else ""
    return (
        prefix
        if any(prefix == code for code, _name in settings.LANGUAGES)
        else settings.LANGUAGE_CODE
    )


def _version(request: HttpRequest, match: ResolverMatch, policy: Policy) -> object:
    if replica_aliases() and reads_replica(request, match.view_name):
        with public_reads():
            return policy.validator(**match.kwargs)
    return policy.validator(**match.kwargs)


def _page(request: HttpRequest) -> _Page | None:
    """The cache entry this request may be answered from, or None."""
    if (
        settings.PAGE_CACHE_SECONDS <= 0
        or request.method not in ("GET", "HEAD")
        or settings.SESSION_COOKIE_NAME in request.COOKIES
        or "messages" in request.COOKIES
        or settings.CSRF_USE_SESSIONS
    ):
        return None
    language = _language(request.path_info)
    urlconf = getattr(request, "urlconf", None) or settings.ROOT_URLCONF
    match = _resolve(urlconf, language, request.path_info)
    policy: Policy | None = getattr(match.func, "page_cache", None) if match else None
    if match is None or policy is None:
        return None
    request.get_host()  # a Host outside ALLOWED_HOSTS is a 400, as CommonMiddleware makes it
    version = _version(request, match, policy)
    if version is None:
        return None
    query = "&".join(f"{name}={request.GET.get(name, '')}" for name in policy.params)
    htmx = request.META.get("HTTP_HX_REQUEST", "")
    raw = f"{request.path}?{query}|{language}|{htmx}|{version!r}"
    key = "page:" + hashlib.sha256(raw.encode()).hexdigest()
    return _Page(key=key, match=match, language=language)


def csrf_fill(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    """Fill the blank CSRF fields of a page that shows fragments shared between visitors
    (`{% csrf_blank %}`) with this visitor's own token, as `{% csrf_token %}` would."""
    if CSRF_BLANK_FIELD in response.content:
        token = f'name="csrfmiddlewaretoken" value="{get_token(request)}"'.encode()
        response.content = response.content.replace(CSRF_BLANK_FIELD, token)
    return response


def _storable(request: HttpRequest, response: HttpResponse, page: _Page) -> bool:
    user = getattr(request, "user", None)
    return (
        response.status_code == 200
        and not response.streaming
        # A page that set a cookie (a session, messages) is someone's own. The CSRF cookie is
        # not stored: each hit sets the visitor's own.
        and not set(response.cookies) - {settings.CSRF_COOKIE_NAME}
        and not (user is not None and user.is_authenticated)
        and translation.get_language() == page.language
        and not response.has_header("Content-Encoding")
        and b"\x00" not in response.content
    )


def _stored(response: HttpResponse) -> tuple[dict[str, str], dict[str, str], Parts]:
    """The page's headers as served plain and as served gzipped, and its body in parts."""
    content = CSRF_FIELD.sub(CSRF_BLANK, response.content)
    plain = {name: value for name, value in response.items() if name.lower() not in NOT_STORED}
    packed = HttpResponse(headers=plain)
    packed["Content-Encoding"] = "gzip"
    patch_vary_headers(packed, ("Accept-Encoding",))  # as GZipMiddleware does
    gzipped = {name: value for name, value in packed.items() if name.lower() not in NOT_STORED}
    return plain, gzipped, parts_pack(CSRF_HOLE.split(content), hole=CSRF_TOKEN_LENGTH)


class PageCacheMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        # Only its cookie handling, for the pages a hit fills with the visitor's token.
        self.csrf = CsrfViewMiddleware(get_response)

    def __call__(self, request: HttpRequest) -> HttpResponse:
        page = _page(request)
        if page is None:
            return self.get_response(request)
        stored = cache.get(page.key)
        if stored is not None:
            return self._hit(request, page, *stored)
        response = self.get_response(request)
        if _storable(request, response, page):
            cache.set(page.key, _stored(response), settings.PAGE_CACHE_SECONDS)
            response[HIT_HEADER] = "miss"
        return response

    def _hit(
        self,
        request: HttpRequest,
        page: _Page,
        plain: dict[str, str],
        gzipped: dict[str, str],
        parts: Parts,
    ) -> HttpResponse:
        request.resolver_match = page.match  # the referral middleware reads the slug
        fill = b""
        if parts.holes:
            self.csrf.process_request(request)
            fill = get_token(request).encode()
        if ACCEPTS_GZIP.search(request.META.get("HTTP_ACCEPT_ENCODING", "")):
            response = HttpResponse(parts_gzip(parts, fill=fill), headers=gzipped)
        else:
            response = HttpResponse(parts_plain(parts, fill=fill), headers=plain)
        response["Content-Length"] = str(len(response.content))
        response[HIT_HEADER] = "hit"
        if parts.holes:
            self.csrf.process_response(request, response)
        return response
