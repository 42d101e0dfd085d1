"""sitemap.xml: home, the campaign list and its categories, every published or ended campaign,
every open in-kind need.

Locations are absolute on PUBLIC_BASE_URL, not on whatever host the crawler asked. Every page
is listed in each language (Indonesian at the root, English under /en/), each entry naming its
other versions as `xhtml:link rel="alternate" hreflang` (Django's i18n sitemaps).
"""

from __future__ import annotations

import datetime
from typing import Any
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from gotong.campaigns.models import Campaign
from gotong.inkind.models import Need
from gotong.inkind.selectors import needs_for_sitemap
from gotong.seo import selectors


class PublicSitemap(Sitemap):
    i18n = True
    alternates = True

    def get_protocol(self, protocol: str | None = None) -> str:
        return urlsplit(settings.PUBLIC_BASE_URL).scheme or "https"

    def get_domain(self, site: Any = None) -> str:
        parts = urlsplit(settings.PUBLIC_BASE_URL)
        return f"{parts.netloc}{parts.path.rstrip('/')}"


# The platform's own pages (gotong.pages).
STATIC_PAGES = ("pages:about", "pages:help", "pages:terms", "pages:privacy", "pages:contact")


class PagesSitemap(PublicSitemap):
    changefreq = "daily"

    def items(self) -> list[tuple[str, str]]:
        """(URL name, query string) pairs: reversed per language in `location`."""
        categories = [
            ("campaigns:list", urlencode({"kategori": value}))
            for value in selectors.categories_with_campaigns()
        ]
        return [
            ("campaigns:home", ""),
            ("campaigns:list", ""),
            *categories,
            ("ledger:transparency", ""),
            *((name, "") for name in STATIC_PAGES),
        ]

    def location(self, item: tuple[str, str]) -> str:
        name, query = item
        return f"{reverse(name)}?{query}" if query else reverse(name)


class CampaignSitemap(PublicSitemap):
    changefreq = "daily"

    def items(self) -> Any:
        return selectors.campaigns_for_sitemap()

    def lastmod(self, item: Campaign) -> datetime.datetime:
        return max(moment for moment in (item.updated_at, item.ended_at) if moment is not None)


class NeedSitemap(PublicSitemap):
    changefreq = "daily"

    def items(self) -> Any:
        return needs_for_sitemap()

    def location(self, item: Need) -> str:
        return reverse("inkind:need", args=[item.pk])

    def lastmod(self, item: Need) -> datetime.datetime:
        return item.opened_at or item.created_at


SITEMAPS: dict[str, type[Sitemap[Any]] | Sitemap[Any]] = {
    "halaman": PagesSitemap,
    "kampanye": CampaignSitemap,
    "kebutuhan": NeedSitemap,
}
