"""Passing help information on: the WhatsApp text with the status and the date it was last
checked, the Open Graph card and its meta tags, the A4 poster with its QR code."""

from __future__ import annotations

import datetime
import io
import re
from html.parser import HTMLParser
from urllib.parse import parse_qs, urlsplit
from zoneinfo import ZoneInfo

import pytest
from django.core.files.base import ContentFile
from PIL import Image
from pypdf import PdfReader

from gotong.info.models import SourceKind
from gotong.info.services import (
    info_mark_false,
    info_post_edit,
    info_renew,
    info_verify,
    infos_expire,
)
from gotong.info.sources import SourceInput
from gotong.info.transitions import InfoStatus
from gotong.info.votes import info_vote
from gotong.seo import og
from tests.info.conftest import OTHER_KECAMATAN, TALLO, old_user, post
from tests.receipts.helpers import pdf_qr_urls, pdf_text

pytestmark = pytest.mark.usefixtures("makassar")

BASE = "https://gotong.example"
JAKARTA = ZoneInfo("Asia/Jakarta")
DAY_ONE = datetime.datetime(2026, 12, 2, 9, 0, tzinfo=JAKARTA)
DAY_TWO = datetime.datetime(2026, 12, 3, 20, 0, tzinfo=JAKARTA)
A4_POINTS = (595.28, 841.89)


@pytest.fixture(autouse=True)
def _public_base(settings):
    """A base URL unlike the test client's host: every absolute URL must come from it."""
    settings.PUBLIC_BASE_URL = BASE


class Page(HTMLParser):
    """Meta tags and elements with a data-testid, as a link preview or a test reads them."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.meta: dict[str, str] = {}
        self.testids: dict[str, dict[str, str | None]] = {}
        self.texts: dict[str, str] = {}
        self._open: str | None = None
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "meta" and (a.get("property") or a.get("name")):
            self.meta[a.get("property") or a["name"] or ""] = a.get("content") or ""
        if a.get("data-testid"):
            self.testids[a["data-testid"] or ""] = a
            self._open = a["data-testid"]
            self.texts[self._open or ""] = ""

    def handle_data(self, data: str) -> None:
        if self._open:
            self.texts[self._open] += data

    def handle_endtag(self, tag: str) -> None:
        self._open = None


def page_of(client, p) -> Page:
    response = client.get(f"/info/{p.pk}/")
    assert response.status_code == 200
    return Page(response.content.decode())


def vote(p, *, true: bool) -> None:
    for kecamatan in (TALLO, TALLO, OTHER_KECAMATAN):
        info_vote(
            post=p, voter=old_user(), still_true=true, group_kind="kecamatan", group_key=kecamatan
        )


def moved_to(status: str, verifier, time_machine):
    """A post published on 2 December and, on 3 December, moved to `status` the real way."""
    time_machine.move_to(DAY_ONE, tick=False)
    p = post(
        sources=[
            SourceInput(kind=SourceKind.URL, url="https://www.ig.com/p/x", seen_on=DAY_ONE.date())
        ]
    )
    time_machine.move_to(DAY_TWO, tick=False)
    if status == InfoStatus.VERIFIED:
        info_verify(post=p, actor=verifier, note="Ditelepon ketua RW", evidence="https://x.id/b")
    elif status == InfoStatus.COMMUNITY:
        vote(p, true=True)
    elif status == InfoStatus.DISPUTED:
        vote(p, true=False)
    elif status == InfoStatus.FALSE:
        info_mark_false(post=p, actor=verifier, note="Posko tidak ada", evidence="cek fakta")
    elif status == InfoStatus.EXPIRED:
        time_machine.move_to(DAY_ONE + datetime.timedelta(days=8), tick=False)
        assert infos_expire() == 1
    p.refresh_from_db()
    assert p.status == status
    return p


@pytest.mark.parametrize(
    ("status", "first_line", "warning"),
    [
        (InfoStatus.UNVERIFIED, "⏳ Belum diverifikasi 2 Des 2026", None),
        (InfoStatus.VERIFIED, "✅ Terverifikasi 3 Des 2026", None),
        (InfoStatus.COMMUNITY, "👥 Dikonfirmasi warga 3 Des 2026", None),
        (InfoStatus.DISPUTED, "⚠️ Diperselisihkan 3 Des 2026", "Warga membantah info ini"),
        # Declared false on the 3rd: that verdict is its last check, not its last confirmation.
        (InfoStatus.FALSE, "❌ Salah 3 Des 2026", "dinyatakan SALAH oleh verifikator"),
        # Expired on the 10th, last checked on the 2nd.
        (InfoStatus.EXPIRED, "⌛ Kedaluwarsa 2 Des 2026", "sudah lewat masa berlakunya"),
    ],
)
def test_the_share_text_leads_with_the_status_and_the_day_it_was_last_checked(
    client, verifier, time_machine, status, first_line, warning
):
    p = moved_to(status, verifier, time_machine)
    text = page_of(client, p).texts["share-text"]
    lines = text.splitlines()
    assert lines[0] == f"{first_line} · sumber: ig.com"
    if warning:
        assert warning in lines[1]
    assert f"*{p.title}*" in lines
    assert "Kapan: Sabtu 5 Desember, 09.00-12.00" in lines
    assert "Di mana: Balai RW 04, Jl. Sunu (Tallo, Kota Makassar)" in lines
    assert lines[-1] == f"{BASE}/info/{p.pk}/"
    assert p.author.email not in text


def jpeg() -> ContentFile:
    out = io.BytesIO()
    Image.new("RGB", (320, 240), (200, 160, 40)).save(out, format="JPEG")
    return ContentFile(out.getvalue(), name="foto.jpg")


@pytest.mark.parametrize(
    ("kind", "said"), [(SourceKind.SEEN, "dilihat langsung"), (SourceKind.FILE, "foto/dokumen")]
)
def test_a_source_without_a_link_is_named_by_its_kind(client, time_machine, kind, said):
    time_machine.move_to(DAY_ONE, tick=False)
    p = post(sources=[SourceInput(kind=kind, seen_on=DAY_ONE.date(), file=jpeg())])
    assert page_of(client, p).texts["share-text"].splitlines()[0] == (
        f"⏳ Belum diverifikasi 2 Des 2026 · sumber: {said}"
    )


def test_the_page_links_to_whatsapp_with_the_text_and_to_the_poster(client, time_machine):
    time_machine.move_to(DAY_ONE, tick=False)
    p = post(title="Dapur umum & posko: makan #gratis?")
    page = page_of(client, p)
    href = page.testids["share-whatsapp"]["href"] or ""
    assert href.startswith("https://wa.me/?text=")
    assert " " not in href
    assert "#" not in href
    assert parse_qs(urlsplit(href).query) == {"text": [page.texts["share-text"]]}
    assert page.testids["info-poster"]["href"] == f"/info/{p.pk}/poster.pdf"
    # The text can be selected by hand; the copy button shows only with JavaScript.
    assert "readonly" in page.testids["share-text"]
    assert "hidden" in page.testids["share-copy"]
    html = client.get(f"/info/{p.pk}/").content.decode()
    assert "/static/gotong/copy.js" in html
    assert not re.search(r"<script>(?!</script>)", html)  # no inline script


# --- the Open Graph card ---------------------------------------------------------------------


def test_the_card_is_a_1200_by_630_jpeg_and_the_meta_tags_point_to_it(client, verifier):
    p = post()
    info_verify(post=p, actor=verifier, note="Ditelepon ketua RW", evidence="https://x.id/b")
    meta = page_of(client, p).meta
    image = meta["og:image"]
    assert image.startswith(f"{BASE}/info/{p.pk}/og.jpg?v=")
    assert meta["twitter:image"] == image
    assert meta["og:title"] == f"Terverifikasi: {p.title}"
    assert meta["og:url"] == f"{BASE}/info/{p.pk}/"
    assert "Terakhir diperiksa" in meta["og:description"]
    assert "Kapan: Sabtu 5 Desember" in meta["og:description"]
    assert meta["description"] == meta["og:description"]
    assert (meta["og:image:width"], meta["og:image:height"]) == ("1200", "630")

    response = client.get(image.removeprefix(BASE))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert "max-age=604800" in response["Cache-Control"]  # its own version: kept a week
    card = Image.open(io.BytesIO(response.content))
    assert (card.format, card.size) == ("JPEG", (1200, 630))
    unversioned = client.get(f"/info/{p.pk}/og.jpg")
    assert unversioned.content == response.content
    assert "max-age=600" in unversioned["Cache-Control"]


def test_the_card_changes_when_the_status_changes(client, verifier):
    p = post()
    before_tag = page_of(client, p).meta["og:image"]
    before = client.get(f"/info/{p.pk}/og.jpg").content
    assert client.get(f"/info/{p.pk}/og.jpg").content == before  # from the cache
    info_mark_false(post=p, actor=verifier, note="Posko tidak ada", evidence="cek fakta")
    meta = page_of(client, p).meta
    assert meta["og:image"] != before_tag
    assert meta["og:title"] == f"Salah: {p.title}"
    assert "dinyatakan SALAH" in meta["og:description"]
    after = client.get(f"/info/{p.pk}/og.jpg").content
    assert after != before
    # The status stripe is red now (it was yellow for "belum diverifikasi").
    r, g, b = Image.open(io.BytesIO(after)).convert("RGB").getpixel((8, 300))
    assert r > 180
    assert max(g, b) < 80


def test_a_revision_or_a_new_check_makes_a_new_card_version(client, time_machine):
    time_machine.move_to(DAY_ONE, tick=False)
    p = post()
    versions = {page_of(client, p).meta["og:image"]}
    info_post_edit(
        post=p,
        actor=p.author,
        title="Pembagian sembako RW 04 (diundur)",
        what=p.what,
        when_text=p.when_text,
        where_text=p.where_text,
    )
    versions.add(page_of(client, p).meta["og:image"])
    time_machine.move_to(DAY_TWO, tick=False)
    info_renew(post=p, actor=p.author)
    versions.add(page_of(client, p).meta["og:image"])
    assert len(versions) == 3


def test_the_card_carries_no_personal_contact(client):
    """What is on the card is drawn from the status, kind, title, region and date only: an
    institution's contact or the author's name is not among its inputs, so a card of a post with
    one is the same as the card of the same post without it."""
    with_contact = post(is_institution=True, institution_contact="Bu Ani 0812 3456 7890")
    without = post()
    card = client.get(f"/info/{with_contact.pk}/og.jpg").content
    other = client.get(f"/info/{without.pk}/og.jpg").content
    assert card == other


# --- the A4 poster ---------------------------------------------------------------------------


def words(data: bytes) -> str:
    """The poster's text with its line breaks and spacing evened out."""
    return " ".join(pdf_text(data).split())


def poster(client, p) -> bytes:
    response = client.get(f"/info/{p.pk}/poster.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(response.content))
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (round(float(box.width), 2), round(float(box.height), 2)) == A4_POINTS
    return response.content


def test_the_poster_is_one_a4_page_with_the_facts_and_a_qr_code_to_the_post(
    client, verifier, time_machine
):
    time_machine.move_to(DAY_ONE, tick=False)
    p = post(
        title="Posko kesehatan Tallo: cek gula darah gratis",
        is_institution=True,
        institution_contact="Puskesmas Tallo (0411) 123456",
    )
    info_verify(post=p, actor=verifier, note="Ditelepon", evidence="https://x.id/b")
    data = poster(client, p)
    text = words(data)
    url = f"{BASE}/info/{p.pk}/"
    for expected in (
        "Posko kesehatan Tallo: cek gula darah gratis",
        "JADWAL DISTRIBUSI SEMBAKO",
        "TERVERIFIKASI",
        "diperiksa 2 Des 2026",
        "Paket sembako untuk 200 keluarga.",
        "Sabtu 5 Desember, 09.00-12.00",
        "Balai RW 04, Jl. Sunu",
        "Puskesmas Tallo (0411) 123456",
        "Tallo, Kota Makassar, Sulawesi Selatan",
        url,
        "Periksa status terbaru dengan memindai kode ini",
        "Gotong",
    ):
        assert expected in text, expected
    assert pdf_qr_urls(data) == [url]
    assert f"/URI ({url})".encode() in data  # the code and the address are links too


def test_a_persons_contact_never_reaches_the_poster(client):
    p = post(is_institution=False, institution_contact="0812 3456 7890")
    assert "0812" not in words(poster(client, p))


def test_a_long_post_still_fits_one_page(client):
    p = post(
        title="Dapur umum " * 12,
        what="Makan siang dan malam untuk warga terdampak banjir. " * 50,
        when_text="Setiap hari " * 16,
        where_text="Masjid Nurul Iman, Jl. Sunu " * 10,
    )
    text = words(poster(client, p))
    assert "Periksa status terbaru dengan memindai kode ini" in text


def test_without_truetype_fonts_the_poster_falls_back_to_the_built_in_one(
    client, monkeypatch, tmp_path
):
    monkeypatch.setattr(og, "FONT_DIRS", (tmp_path,))
    p = post(title="Posko Tallo ✅ buka")
    text = words(poster(client, p))
    assert "Posko Tallo ? buka" in text
    assert "Periksa status terbaru dengan memindai kode ini" in text


def test_a_false_post_gets_a_warning_poster_without_its_false_details(client, verifier):
    p = post()
    info_mark_false(post=p, actor=verifier, note="Tidak ada pembagian di RW 04", evidence="foto")
    text = words(poster(client, p))
    assert "INFORMASI INI SALAH" in text
    assert p.title in text
    assert "Catatan verifikator: Tidak ada pembagian di RW 04" in text
    assert "Sabtu 5 Desember" not in text
    assert "Balai RW 04" not in text


def test_an_expired_post_gets_no_poster_but_a_page_that_says_why(client, time_machine):
    time_machine.move_to(DAY_ONE, tick=False)
    p = post()
    time_machine.move_to(DAY_ONE + datetime.timedelta(days=8), tick=False)
    infos_expire()
    response = client.get(f"/info/{p.pk}/poster.pdf")
    assert response.status_code == 409
    assert "sudah lewat masa berlakunya" in response.content.decode()
    assert "info-poster" not in page_of(client, p).testids


@pytest.mark.parametrize("path", ["og.jpg", "poster.pdf"])
def test_a_missing_post_has_no_card_and_no_poster(client, path):
    assert client.get(f"/info/999999/{path}").status_code == 404
    assert client.head(f"/info/999999/{path}").status_code == 404
    assert client.post(f"/info/999999/{path}").status_code == 405
