"""Validate and normalise uploaded images with Pillow: real image, sane size, re-encoded JPEG."""

from __future__ import annotations

import io

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_UPLOAD_BYTES = 8 * 1024 * 1024
MAX_PIXELS = 40_000_000
ALLOWED_FORMATS = {"JPEG", "PNG", "WEBP"}
COVER_MAX_WIDTH = 1200
COVER_MIN_WIDTH = 400
# Pages show covers 16:9 (`.cover` in gotong.css); a cover of another shape is cropped there.
COVER_RATIO = (16, 9)
COVER_CONTENT_TYPES = ("image/jpeg", "image/png", "image/webp")


def cover_process(upload: UploadedFile) -> ContentFile:
    """Return the cover as a JPEG at most COVER_MAX_WIDTH wide, or raise ValidationError."""
    return photo_process(upload, min_width=COVER_MIN_WIDTH, max_width=COVER_MAX_WIDTH)


def photo_process(upload: UploadedFile, *, min_width: int, max_width: int) -> ContentFile:
    """A checked, EXIF-rotated JPEG at most `max_width` wide (metadata dropped)."""
    if upload.size is not None and upload.size > MAX_UPLOAD_BYTES:
        raise ValidationError(_("Ukuran foto maksimal 8 MB."))
    try:
        with Image.open(upload) as probe:
            probe.verify()
        upload.seek(0)
        opened = Image.open(upload)
        if opened.format not in ALLOWED_FORMATS:
            raise ValidationError(_("Foto harus berformat JPEG, PNG, atau WebP."))
        if opened.width * opened.height > MAX_PIXELS:
            raise ValidationError(_("Resolusi foto terlalu besar."))
        image = ImageOps.exif_transpose(opened)
        image.load()
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError) as exc:
        raise ValidationError(_("Berkas ini bukan foto yang bisa dibaca.")) from exc
    if image.width < min_width:
        raise ValidationError(_("Lebar foto minimal %(w)d piksel.") % {"w": min_width})
    if image.width > max_width:
        height = round(image.height * max_width / image.width)
        image = image.resize((max_width, height), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    image.convert("RGB").save(out, format="JPEG", quality=82, optimize=True, progressive=True)
    return ContentFile(out.getvalue(), name="photo.jpg")


MAX_PDF_BYTES = 10 * 1024 * 1024


def photo_or_pdf_process(upload: UploadedFile) -> tuple[ContentFile, str]:
    """A receipt or a source document: a photo (re-encoded like any photo, metadata dropped) or
    a PDF (checked, kept as sent). Returns the file, named by its type, and its content type."""
    head = upload.read(5)
    upload.seek(0)
    if head == b"%PDF-":
        if upload.size is not None and upload.size > MAX_PDF_BYTES:
            raise ValidationError(_("Ukuran PDF maksimal 10 MB."))
        return ContentFile(upload.read(), name="dokumen.pdf"), "application/pdf"
    return photo_process(upload, min_width=200, max_width=1600), "image/jpeg"


COVER_WIDTHS = (480, 960)  # phone, and phone at 2x / tablet; the original is ≤ COVER_MAX_WIDTH
COVER_FORMATS = {"webp": ("WEBP", 72), "jpg": ("JPEG", 76)}


def cover_resize(source: bytes, *, width: int, fmt: str) -> bytes:
    """The cover at `width` pixels wide (never wider than it is) as WebP or JPEG."""
    encoder, quality = COVER_FORMATS[fmt]
    with Image.open(io.BytesIO(source)) as opened:
        image = opened.convert("RGB")
    if image.width > width:
        height = round(image.height * width / image.width)
        image = image.resize((width, height), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    extra = {"method": 5} if encoder == "WEBP" else {"optimize": True, "progressive": True}
    image.save(out, format=encoder, quality=quality, **extra)
    return out.getvalue()
