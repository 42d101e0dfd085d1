"""Reads for SEO: which campaigns crawlers and link previews may see, and card versions."""

from __future__ import annotations

from django.db.models import QuerySet

from gotong.campaigns.models import Campaign, CampaignStatus, Category
from gotong.campaigns.selectors import campaigns_public
from gotong.seo.og import og_version

# In the sitemap: campaigns people can still give to, and finished ones (their page and ledger
# stay useful). Suspended and closed pages stay public but are not offered to search engines.
SITEMAP_STATUSES = (CampaignStatus.PUBLISHED, CampaignStatus.ENDED)


def campaigns_for_sitemap() -> QuerySet[Campaign]:
    return (
        Campaign.objects.filter(status__in=SITEMAP_STATUSES)
        .only("slug", "updated_at", "ended_at", "published_at")
        .order_by("-published_at", "-id")
    )


def categories_with_campaigns() -> list[str]:
    """Categories with at least one campaign open for donations, in the order of the choices."""
    found = set(campaigns_public().order_by().values_list("category", flat=True).distinct())
    return [value for value in Category.values if value in found]


def og_image_version(*, campaign: Campaign) -> str:
    return og_version(
        campaign_id=campaign.pk,
        edited=campaign.updated_at.isoformat() if campaign.updated_at else "",
        cover=campaign.cover.name or "",
        collected=campaign.collected,
        target=campaign.target,
    )
