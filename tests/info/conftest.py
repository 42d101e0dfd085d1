from __future__ import annotations

import datetime

from django.utils import timezone

from gotong.info.claims import ClaimInput, Verdict
from gotong.info.kinds import InfoKind
from gotong.info.models import SourceKind
from gotong.info.services import info_post_create
from gotong.info.sources import SourceInput
from tests.factories import UserFactory

TALLO, OTHER_KECAMATAN = "73.71.07", "73.71.01"


def old_user(**kwargs):
    """An account older than a week: its vote counts."""
    return UserFactory(date_joined=timezone.now() - datetime.timedelta(days=30), **kwargs)


def seen(**kwargs) -> SourceInput:
    return SourceInput(kind=SourceKind.SEEN, seen_on=timezone.localdate(), **kwargs)


def post(author=None, **kwargs):
    fields = {
        "author": author or old_user(),
        "kind": InfoKind.DISTRIBUTION,
        "region_code": TALLO,
        "title": "Pembagian sembako di Posko RW 04",
        "what": "Paket sembako untuk 200 keluarga.",
        "when_text": "Sabtu 5 Desember, 09.00-12.00",
        "where_text": "Balai RW 04, Jl. Sunu",
        "sources": [seen()],
    }
    return info_post_create(**(fields | kwargs))


CLAIM = ClaimInput(
    text="Air rebusan daun sirsak menyembuhkan demam berdarah dalam sehari.",
    spread_on="grup WhatsApp, Facebook",
    archive_url="https://web.archive.org/web/2026/https://kabar.example/sirsak",
    verdict=Verdict.HOAX,
    method="Ditanyakan ke dokter Puskesmas Tallo dan dicocokkan dengan pedoman Kemenkes.",
    references=["https://cekfakta.example/sirsak", "https://kemkes.example/dbd"],
)


def hoax(author=None, **kwargs):
    """A `klarifikasi hoaks` post with its full claim."""
    fields = {
        "kind": InfoKind.HOAX,
        "title": "Hoaks: daun sirsak sembuhkan DBD",
        "what": "Pesan berantai tentang obat DBD beredar di Tallo.",
        "when_text": "Sejak 1 Desember",
        "where_text": "Kecamatan Tallo",
        "claim": CLAIM,
    }
    return post(author, **(fields | kwargs))
