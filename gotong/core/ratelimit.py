"""Rate limits on public writes, per client address (decision 29).

A fixed window per scope and address, counted in the cache: `settings.RATE_LIMITS[scope]` is
(COUNT, SECONDS), and the COUNT+1th write in a window is refused with 429 until it ends. Every
attempt counts, accepted or not, so guessing through a form's checks costs the same."""

from __future__ import annotations

import time
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

View = Callable[..., HttpResponse]


def client_ip(request: HttpRequest) -> str:
    """REMOTE_ADDR; behind TRUSTED_PROXY_COUNT proxies that each append the address they saw
    to X-Forwarded-For, the hop the outermost of them saw (what the client wrote there itself
    is never believed)."""
    remote = str(request.META.get("REMOTE_ADDR", ""))
    trusted = settings.TRUSTED_PROXY_COUNT
    if trusted <= 0:
        return remote
    hops = [h.strip() for h in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    hops = [h for h in hops if h]
    if not hops:
        return remote
    return hops[-trusted] if len(hops) >= trusted else hops[0]


def rate_limit_wait(*, request: HttpRequest, scope: str) -> int:
    """Count one write of `scope` from the request's client: 0 when allowed, else the seconds
    until the window ends."""
    count, seconds = settings.RATE_LIMITS[scope]
    if count == 0:
        return 0
    now = int(time.time())
    key = f"ratelimit:{scope}:{client_ip(request)}:{now // seconds}"
    cache.add(key, 0, timeout=seconds)
    try:
        used = cache.incr(key)
    except ValueError:  # expired between add and incr: this write opens the next window
        cache.add(key, 1, timeout=seconds)
        used = 1
    if used <= count:
        return 0
    return seconds - now % seconds


def too_many_requests(request: HttpRequest, wait: int) -> HttpResponse:
    """The page for a refused write: Indonesian, with when to try again."""
    response = render(request, "429.html", {"minutes": max(1, -(-wait // 60))}, status=429)
    response.headers["Retry-After"] = str(wait)
    return response


def rate_limited(
    scope: str,
) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    """A view's POSTs count against `scope`; over the limit the view does not run."""

    def decorate(view: View) -> View:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if request.method == "POST":
                wait = rate_limit_wait(request=request, scope=scope)
                if wait:
                    return too_many_requests(request, wait)
            return view(request, *args, **kwargs)

        return wrapper

    return decorate
