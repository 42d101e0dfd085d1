"""Whole-page cache for anonymous visitors (home, list, campaign pages).

A cached page is keyed by the path, the query parameters the view reads, the language, whether
htmx asked for it, and a *validator*: a cheap value that changes whenever what the page shows
changes (for a campaign: its status, counters and `updated_at`, one primary-key lookup; for
lists: the newest ledger entry id, one index lookup). A settled donation changes the validator,
so the next request renders afresh: the cache never shows an old total. Whatever the validator
does not cover (a new kabar terbaru, a moderation note, a report turning overdue with time)
expires with `PAGE_CACHE_SECONDS` (10 s by default; 0 turns the cache off).

Only anonymous GETs without a session or pending messages are served from or stored in the
cache, and only complete 200 answers that set no cookie. A page's CSRF form fields are stored
blank and filled with each visitor's own token when served, so a cached form (the campaign
page's "Aamiin") posts for whoever sees it. Cache: local memory, or Redis with `REDIS_URL`
(settings).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.utils.translation import get_language

View = Callable[..., HttpResponse]
Validator = Callable[..., object]
HIT_HEADER = "X-Page-Cache"
CSRF_FIELD = re.compile(rb'(name="csrfmiddlewaretoken" value=")[^"]*"')
CSRF_BLANK = rb'\1"'
CSRF_BLANK_FIELD = b'name="csrfmiddlewaretoken" value=""'


def _cacheable_request(request: HttpRequest) -> bool:
    return (
        request.method in ("GET", "HEAD")
        and not request.user.is_authenticated
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
    )


def _key(request: HttpRequest, params: tuple[str, ...], version: object) -> str:
    query = "&".join(f"{name}={request.GET.get(name, '')}" for name in params)
    htmx = request.headers.get("HX-Request", "")
    raw = f"{request.path}?{query}|{get_language()}|{htmx}|{version!r}"
    return "page:" + hashlib.sha256(raw.encode()).hexdigest()


def anonymous_page_cache(
    *, validator: Validator, params: tuple[str, ...] = ()
) -> Callable[[View], View]:
    """Serve the view from the cache for anonymous visitors. `validator(**view_kwargs)` returns
    a value that changes when the page's content does, or None to skip the cache."""

    def decorate(view: View) -> View:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            seconds = settings.PAGE_CACHE_SECONDS
            if seconds <= 0 or not _cacheable_request(request):
                return view(request, *args, **kwargs)
            version = validator(**kwargs)
            if version is None:
                return view(request, *args, **kwargs)
            key = _key(request, params, version)
            stored = cache.get(key)
            if stored is not None:
                content, content_type = stored
                if CSRF_BLANK_FIELD in content:
                    token = f'name="csrfmiddlewaretoken" value="{get_token(request)}"'
                    content = content.replace(CSRF_BLANK_FIELD, token.encode())
                response = HttpResponse(content, content_type=content_type)
                response[HIT_HEADER] = "hit"
                return response
            response = view(request, *args, **kwargs)
            # A page that set a cookie (a CSRF token, a session) is someone's own: never stored.
            if response.status_code == 200 and not response.streaming and not response.cookies:
                content = CSRF_FIELD.sub(CSRF_BLANK, response.content)
                cache.set(key, (content, response["Content-Type"]), seconds)
                response[HIT_HEADER] = "miss"
            return response

        return wrapper

    return decorate
