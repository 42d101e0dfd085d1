"""Writes for SEO: the cached Open Graph card of a campaign, kept in the default storage.

A card is stored as `og/<campaign id>/<version>.jpg` (version from `og.og_version`), or under
`og/<campaign id>/<language>/` in a language other than the default (the card's words and
amounts follow the page's language). The first request for a version draws and stores it and
removes the campaign's older cards in that language; every later request reads the file. Two
requests drawing the same version at once both succeed: the second file is dropped.
"""

from __future__ import annotations

import contextlib
import logging

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image, UnidentifiedImageError

from gotong.campaigns.models import Campaign
from gotong.core.i18n import language_current
from gotong.seo.og import og_image_draw
from gotong.seo.selectors import og_image_version

logger = logging.getLogger(__name__)

OG_DIR = "og"


def _cover(campaign: Campaign) -> Image.Image | None:
    """The campaign's cover as a loaded image, or None (no cover, file gone, unreadable)."""
    if not campaign.cover:
        return None
    try:
        with campaign.cover.open("rb") as handle, Image.open(handle) as image:
            image.load()
            return image.copy()
    except (OSError, ValueError, UnidentifiedImageError, Image.DecompressionBombError):
        logger.warning("og image: cover of campaign %s unreadable", campaign.pk, exc_info=True)
        return None


def _folder(campaign: Campaign) -> str:
    language = language_current()
    folder = f"{OG_DIR}/{campaign.pk}"
    return folder if language == settings.LANGUAGE_CODE else f"{folder}/{language}"


def _forget_older(folder: str, keep: str) -> None:
    try:
        _, files = default_storage.listdir(folder)
    except (OSError, NotImplementedError):
        return
    for name in files:
        if f"{folder}/{name}" != keep:
            try:
                default_storage.delete(f"{folder}/{name}")
            except OSError:
                logger.warning("og image: could not delete %s/%s", folder, name, exc_info=True)


def og_image_ensure(*, campaign: Campaign) -> tuple[bytes, str]:
    """The campaign's current card and its version, drawn and stored on first use."""
    version = og_image_version(campaign=campaign)
    folder = _folder(campaign)
    name = f"{folder}/{version}.jpg"
    if default_storage.exists(name):
        try:
            with default_storage.open(name, "rb") as handle:
                return handle.read(), version
        except OSError:
            logger.warning("og image: stored %s unreadable, drawing again", name, exc_info=True)
            with contextlib.suppress(OSError):
                default_storage.delete(name)
    data = og_image_draw(
        title=campaign.title,
        collected=campaign.collected,
        target=campaign.target,
        cover=_cover(campaign),
    )
    try:
        saved = default_storage.save(name, ContentFile(data))
    except OSError:  # a full or read-only disk costs a redraw next time, not the card
        logger.warning("og image: could not store %s", name, exc_info=True)
        return data, version
    if saved != name:  # another request stored this version first
        with contextlib.suppress(OSError):
            default_storage.delete(saved)
    # A request holding an older version can delete a newer card here: it is drawn again.
    _forget_older(folder, keep=name)
    return data, version
