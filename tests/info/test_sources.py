"""A photo or document source: re-encoded or checked before it is stored, never served as sent."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from gotong.info.models import InfoSource, SourceKind
from gotong.info.sources import SourceInput
from tests.info.conftest import post

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("tallo")]


def upload(name: str, content: bytes, content_type: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)


def phone_photo() -> bytes:
    """A JPEG whose EXIF says where it was taken (GPS IFD), as a phone's does."""
    image = Image.new("RGB", (640, 480), (200, 160, 40))
    exif = Image.Exif()
    exif[0x8825] = {2: (5.0, 8.0, 0.0)}  # GPSInfo: latitude
    exif[0x010F] = "PhoneMaker"
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif)
    return out.getvalue()


def file_source(f: SimpleUploadedFile) -> SourceInput:
    return SourceInput(kind=SourceKind.FILE, seen_on=timezone.localdate(), file=f)


def test_a_photo_is_stored_as_a_jpeg_without_its_location():
    p = post(sources=[file_source(upload("IMG_0001.HEIC.jpg", phone_photo(), "image/jpeg"))])
    stored = InfoSource.objects.get(post=p)
    assert stored.file.name.endswith(".jpg")
    with Image.open(stored.file) as image:
        assert image.format == "JPEG"
        assert not image.getexif()


def test_a_pdf_is_kept_as_a_pdf():
    p = post(sources=[file_source(upload("surat.pdf", b"%PDF-1.4\n%\xe2\xe3\n1 0 obj\n", "x"))])
    stored = InfoSource.objects.get(post=p)
    assert stored.file.name.endswith(".pdf")
    assert stored.file.read().startswith(b"%PDF-")


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("foto.jpg", b"<html><script>alert(1)</script></html>"),
        ("foto.svg", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'),
        ("kosong.png", b""),
    ],
)
def test_anything_else_is_refused_and_nothing_is_stored(name, content):
    with pytest.raises(ValidationError) as refused:
        post(sources=[file_source(upload(name, content, "image/jpeg"))])
    assert "sources" in refused.value.message_dict
    assert not InfoSource.objects.exists()
