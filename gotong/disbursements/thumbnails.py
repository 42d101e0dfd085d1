"""Small copies of photo receipts for the campaign page's "Pencairan dana" timeline: made on
the first request from the stored receipt (itself a re-encoded JPEG) and kept in the default
storage under `receipts/thumbs/`. A receipt never changes, so neither does its thumbnail."""

from __future__ import annotations

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from gotong.core.images import cover_resize
from gotong.disbursements.models import UsageReceipt

THUMB_WIDTH = 240  # shown at 120 CSS px: sharp on a 2x phone screen


def receipt_thumbnail(*, receipt: UsageReceipt) -> str:
    """The storage name of the receipt's thumbnail, made if missing."""
    name = f"receipts/thumbs/{receipt.pk}-{THUMB_WIDTH}.jpg"
    if not default_storage.exists(name):
        with receipt.file.open("rb") as original:
            data = cover_resize(original.read(), width=THUMB_WIDTH, fmt="jpg")
        # Two requests racing here write the same bytes; use whichever name the storage reports.
        name = default_storage.save(name, ContentFile(data))
    return name
