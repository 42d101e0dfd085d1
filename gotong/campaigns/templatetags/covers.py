from __future__ import annotations

from django import template
from django.templatetags.static import static

from gotong.campaigns import covers
from gotong.campaigns.models import Campaign

register = template.Library()


@register.inclusion_tag("campaigns/_cover.html")
def cover_picture(
    campaign: Campaign,
    *,
    css: str,
    sizes: str,
    width: int,
    height: int,
    alt: str = "",
    lazy: bool = False,
) -> dict[str, object]:
    """The cover as <picture>: WebP with a JPEG fallback, each in every served width; without
    a cover, the illustration of the campaign's category."""
    if not campaign.cover:
        return {
            "art": static(covers.category_art(campaign.category)),
            "css": css,
            "width": width,
            "height": height,
            "lazy": lazy,
        }
    return {
        "webp": covers.cover_srcset(campaign, fmt="webp"),
        "jpg": covers.cover_srcset(campaign, fmt="jpg"),
        "src": covers.cover_url(campaign, width=min(covers.COVER_WIDTHS), fmt="jpg"),
        "css": css,
        "sizes": sizes,
        "width": width,
        "height": height,
        "alt": alt,
        "lazy": lazy,
    }
