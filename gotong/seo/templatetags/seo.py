"""`{% load seo %}`: the campaign page's link-preview tags, JSON-LD and share buttons; a hoax
clarification's ClaimReview."""

from __future__ import annotations

from typing import Any

from django import template
from django.urls import reverse
from django.utils.safestring import mark_safe

from gotong.campaigns.models import Campaign
from gotong.info.models import InfoPost
from gotong.inkind.models import Need
from gotong.inkind.share import need_share_text
from gotong.seo.claim_review import claim_review_json_ld
from gotong.seo.meta import (
    absolute,
    campaign_description,
    campaign_json_ld,
    json_ld_dumps,
    og_image_url,
    share_links,
)
from gotong.seo.og import HEIGHT, WIDTH

register = template.Library()


@register.inclusion_tag("seo/campaign_head.html")
def campaign_head(campaign: Campaign) -> dict[str, Any]:
    """Open Graph, Twitter Card and JSON-LD for a campaign page's <head>."""
    description = campaign_description(campaign=campaign)
    image = og_image_url(campaign=campaign)
    json_ld = campaign_json_ld(campaign=campaign, description=description, image=image)
    return {
        "campaign": campaign,
        "description": description,
        "image": image,
        "image_width": WIDTH,
        "image_height": HEIGHT,
        # json_ld_dumps escapes <, > and & so nothing can close the script element.
        "json_ld": mark_safe(json_ld_dumps(json_ld)),  # noqa: S308
    }


@register.inclusion_tag("seo/need_head.html")
def need_head(need: Need) -> dict[str, Any]:
    """Open Graph and Twitter Card for an in-kind need's page: its share text, its card."""
    return {
        "need": need,
        "url": absolute(reverse("inkind:need", args=[need.pk])),
        "description": need_share_text(need).rsplit(" ", 1)[0],  # without the link
        "image": absolute(reverse("seo:need-og-image", args=[need.pk])),
        "image_width": WIDTH,
        "image_height": HEIGHT,
    }


@register.inclusion_tag("seo/info_head.html")
def info_head(post: InfoPost) -> dict[str, Any]:
    """A `klarifikasi hoaks` post's ClaimReview JSON-LD; nothing for other posts."""
    json_ld = claim_review_json_ld(post=post)
    # json_ld_dumps escapes <, > and & so nothing can close the script element.
    return {"json_ld": mark_safe(json_ld_dumps(json_ld)) if json_ld else ""}  # noqa: S308


@register.inclusion_tag("seo/share.html")
def share_buttons(campaign: Campaign) -> dict[str, Any]:
    return {"campaign": campaign, "links": share_links(campaign=campaign)}


@register.simple_tag
def campaign_summary(campaign: Campaign) -> str:
    """The page's meta description: the same text as og:description."""
    return campaign_description(campaign=campaign)
