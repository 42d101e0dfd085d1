"""sitemap.xml: home, the campaign list and its categories, every published or ended campaign.

Locations are absolute on PUBLIC_BASE_URL, not on whatever host the crawler asked.
"""

from __future__ import annotations

import datetime
from typing import Any
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from gotong.campaigns.models import Campaign
from gotong.seo import selectors


class PublicSitemap(Sitemap):
    def get_protocol(self, protocol: str | None = None) -> str:
        return urlsplit(settings.PUBLIC_BASE_URL).scheme or "https"

    def get_domain(self, site: Any = None) -> str:
        parts = urlsplit(settings.PUBLIC_BASE_URL)
        return f"{parts.netloc}{parts.path.rstrip('/')}"


class PagesSitemap(PublicSitemap):
    changefreq = "daily"

    def items(self) -> list[str]:
        pages = [reverse("campaigns:home"), reverse("campaigns:list")]
        listing = reverse("campaigns:list")
        pages += [
            f"{listing}?{urlencode({'kategori': value})}"
            for value in selectors.categories_with_campaigns()
        ]
        return [*pages, reverse("ledger:transparency")]

    def location(self, item: str) -> str:
        return item


class CampaignSitemap(PublicSitemap):
    changefreq = "daily"

    def items(self) -> Any:
        return selectors.campaigns_for_sitemap()

    def lastmod(self, item: Campaign) -> datetime.datetime:
        return max(moment for moment in (item.updated_at, item.ended_at) if moment is not None)


SITEMAPS: dict[str, type[Sitemap[Any]] | Sitemap[Any]] = {
    "halaman": PagesSitemap,
    "kampanye": CampaignSitemap,
}
