"""`{% load seo %}`: the campaign page's link-preview tags, JSON-LD and share buttons; a hoax
clarification's ClaimReview."""

from __future__ import annotations

from typing import Any

from django import template
from django.urls import reverse
from django.utils.safestring import mark_safe

from gotong.campaigns.models import Campaign
from gotong.info.models import InfoPost
from gotong.info.share import info_share_text, info_url, info_whatsapp_url
from gotong.inkind.models import Need
from gotong.inkind.share import need_share_text
from gotong.seo.claim_review import claim_review_json_ld
from gotong.seo.info_card import info_card_version
from gotong.seo.meta import (
    absolute,
    campaign_description,
    campaign_json_ld,
    info_description,
    info_title,
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
    """Open Graph and Twitter Card for a help-information post (its status first, its card),
    and a `klarifikasi hoaks` post's ClaimReview JSON-LD."""
    card = absolute(reverse("seo:info-og-image", args=[post.pk]))
    json_ld = claim_review_json_ld(post=post)
    return {
        # json_ld_dumps escapes <, > and & so nothing can close the script element.
        "json_ld": mark_safe(json_ld_dumps(json_ld)) if json_ld else "",  # noqa: S308
        "url": info_url(post),
        "title": info_title(post=post),
        "description": info_description(post=post),
        "image": f"{card}?v={info_card_version(post)}",
        "image_width": WIDTH,
        "image_height": HEIGHT,
    }


@register.simple_tag
def info_summary(post: InfoPost) -> str:
    """The post page's meta description: the same text as og:description."""
    return info_description(post=post)


@register.inclusion_tag("seo/info_share.html")
def info_share(post: InfoPost) -> dict[str, Any]:
    """The post page's share block: WhatsApp, the text to copy, the A4 poster."""
    return {"post": post, "whatsapp": info_whatsapp_url(post), "text": info_share_text(post)}


@register.inclusion_tag("seo/share.html")
def share_buttons(campaign: Campaign) -> dict[str, Any]:
    return {"campaign": campaign, "links": share_links(campaign=campaign)}


@register.simple_tag
def campaign_summary(campaign: Campaign) -> str:
    """The page's meta description: the same text as og:description."""
    return campaign_description(campaign=campaign)
