from __future__ import annotations

import hashlib

from django.conf import settings
from django.contrib.sitemaps.views import sitemap as django_sitemap
from django.core.cache import cache
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe

from gotong.campaigns.selectors import campaign_get_public
from gotong.info.selectors import info_get
from gotong.info.share import info_url
from gotong.info.transitions import InfoStatus
from gotong.inkind.selectors import need_public_get
from gotong.seo import services
from gotong.seo.info_card import info_card_draw, info_card_version
from gotong.seo.info_poster import info_poster_pdf
from gotong.seo.need_card import need_card_draw
from gotong.seo.og import CONTENT_TYPE
from gotong.seo.sitemaps import SITEMAPS

# Crawlers may ask with HEAD first: every view here answers GET and HEAD.
# A card fetched under its current version never changes: crawlers and CDNs may keep it. Any
# other request (no or an old `v`) gets the current card, cached briefly.
VERSIONED_MAX_AGE = 7 * 24 * 3600
UNVERSIONED_MAX_AGE = 600
NEED_CARD_CACHE_SECONDS = 24 * 3600


@require_safe
def og_image(request: HttpRequest, slug: str) -> HttpResponse:
    campaign = campaign_get_public(slug=slug)
    if campaign is None:
        raise Http404
    data, version = services.og_image_ensure(campaign=campaign)
    response = HttpResponse(data, content_type=CONTENT_TYPE)
    max_age = VERSIONED_MAX_AGE if request.GET.get("v") == version else UNVERSIONED_MAX_AGE
    response["Cache-Control"] = f"public, max-age={max_age}"
    return response


@require_safe
def need_og_image(request: HttpRequest, pk: int) -> HttpResponse:
    """An in-kind need's card, drawn on request and cached for a while by what it shows."""
    need = need_public_get(pk=pk)
    if need is None:
        raise Http404
    shown = "|".join(f"{ln.pk}:{ln.delivered}:{ln.quantity}" for ln in need.lines.all())
    key = "need-og:" + hashlib.sha256(f"{need.pk}|{need.title}|{shown}".encode()).hexdigest()
    data = cache.get(key)
    if data is None:
        data = need_card_draw(need=need)
        cache.set(key, data, NEED_CARD_CACHE_SECONDS)
    response = HttpResponse(data, content_type=CONTENT_TYPE)
    response["Cache-Control"] = f"public, max-age={UNVERSIONED_MAX_AGE}"
    return response


@require_safe
def info_og_image(request: HttpRequest, pk: int) -> HttpResponse:
    """A help-information post's card, whatever its status (a false post's card says so)."""
    post = info_get(pk=pk)
    if post is None:
        raise Http404
    version = info_card_version(post)
    key = f"info-og:{post.pk}:{version}"
    data = cache.get(key)
    if data is None:
        data = info_card_draw(post=post)
        cache.set(key, data, NEED_CARD_CACHE_SECONDS)
    response = HttpResponse(data, content_type=CONTENT_TYPE)
    max_age = VERSIONED_MAX_AGE if request.GET.get("v") == version else UNVERSIONED_MAX_AGE
    response["Cache-Control"] = f"public, max-age={max_age}"
    return response


@require_safe
def info_poster(request: HttpRequest, pk: int) -> HttpResponse:
    """The A4 poster of a post; none for an expired one, whose facts may no longer hold (a page
    says so, and how it can come back)."""
    post = info_get(pk=pk)
    if post is None:
        raise Http404
    if post.status == InfoStatus.EXPIRED:
        return render(request, "info/poster_unavailable.html", {"post": post}, status=409)
    response = HttpResponse(
        info_poster_pdf(post=post, url=info_url(post)), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'inline; filename="poster-info-{post.pk}.pdf"'
    response["Cache-Control"] = "no-cache"  # a status that changes shows on the next print
    return response


@require_safe
def sitemap(request: HttpRequest) -> HttpResponse:
    return django_sitemap(request, sitemaps=SITEMAPS)


@require_safe
def robots_txt(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "seo/robots.txt",
        {
            "sitemap_url": f"{settings.PUBLIC_BASE_URL}{reverse('crawlers:sitemap')}",
            # People's pages live at the root (Indonesian) and under /<code>/ (the others).
            "language_prefixes": [
                "" if code == settings.LANGUAGE_CODE else f"/{code}"
                for code, _name in settings.LANGUAGES
            ],
        },
        content_type="text/plain; charset=utf-8",
    )
