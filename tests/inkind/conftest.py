from __future__ import annotations

import datetime
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from gotong.inkind.catalogue import Item
from gotong.inkind.needs import LineInput, need_approve, need_create, need_submit
from tests.factories import UserFactory

DESA = "73.71.07.1001"  # Pannampu, Tallo, Kota Makassar
OTHER_DESA = "73.71.07.1002"
POSTER_PHONE = "0812 3456 7001"
HELPER_PHONE = "0813 9876 5002"


def photo(width: int = 640) -> SimpleUploadedFile:
    out = io.BytesIO()
    Image.new("RGB", (width, width * 3 // 4), (30, 120, 90)).save(out, format="JPEG")
    return SimpleUploadedFile("serah.jpg", out.getvalue(), content_type="image/jpeg")


def need_draft(poster=None, *, lines=None, region=DESA, **kwargs):
    fields = {
        "poster": poster or UserFactory(),
        "region_code": region,
        "place_detail": "RT 02 / RW 04, dekat masjid",
        "contact_whatsapp": POSTER_PHONE,
        "title": "Masker dan sembako untuk RW 04",
        "story": "Warga isolasi mandiri.",
        "people_served": 120,
        "needed_by": timezone.localdate() + datetime.timedelta(days=7),
        "lines": lines
        or [LineInput(item=Item.MASKER, quantity=200), LineInput(item=Item.SEMBAKO, quantity=50)],
    }
    return need_create(**(fields | kwargs))


def need_open(moderator, poster=None, **kwargs):
    need = need_draft(poster, **kwargs)
    need_submit(need=need, actor=need.poster)
    need_approve(need=need, actor=moderator)
    need.refresh_from_db()
    return need
