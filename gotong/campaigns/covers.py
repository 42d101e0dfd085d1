"""Responsive covers: each campaign cover in COVER_WIDTHS widths as WebP and JPEG, made on the
first request and kept in the default storage under `covers/sizes/`. Names carry a hash of the
original's name, so a new cover gets new URLs and old ones can be cached for a year."""

from __future__ import annotations

import hashlib

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.urls import reverse

from gotong.campaigns.models import Campaign, Category
from gotong.core.images import COVER_FORMATS, COVER_WIDTHS, cover_resize


def category_art(category: str) -> str:
    """The static path of a category's illustration, shown where a campaign has no cover."""
    known = category if category in Category.values else Category.LAINNYA
    return f"gotong/kategori/{known}.svg"


def cover_version(campaign: Campaign) -> str:
    return hashlib.sha256(campaign.cover.name.encode()).hexdigest()[:12]


def cover_url(campaign: Campaign, *, width: int, fmt: str) -> str:
    path = reverse("campaigns:cover", kwargs={"slug": campaign.slug, "width": width, "fmt": fmt})
    return f"{path}?v={cover_version(campaign)}"


def cover_srcset(campaign: Campaign, *, fmt: str) -> str:
    return ", ".join(f"{cover_url(campaign, width=w, fmt=fmt)} {w}w" for w in COVER_WIDTHS)


def cover_variant(*, campaign: Campaign, width: int, fmt: str) -> str | None:
    """The storage name of the cover at this width and format, made if missing; None when
    the campaign has no cover or the size or format is not one we serve."""
    if not campaign.cover or width not in COVER_WIDTHS or fmt not in COVER_FORMATS:
        return None
    name = f"covers/sizes/{campaign.pk}/{cover_version(campaign)}-{width}.{fmt}"
    if not default_storage.exists(name):
        with campaign.cover.open("rb") as original:
            data = cover_resize(original.read(), width=width, fmt=fmt)
        # Two requests racing here both write the same bytes; the storage may rename the
        # second file, so use whichever name it reports.
        name = default_storage.save(name, ContentFile(data))
    return name
