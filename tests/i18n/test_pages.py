"""Every page renders in both languages: Indonesian at the root, English under /en/.

One world with something on every page (a campaign with donations, a receipt, an update, a
disbursement waiting for finance and a paid one waiting for its report, a verification and an
abuse report waiting for a moderator), then every page of it, anonymous, as its campaigner and
as an admin, under `/` and `/en/`. English pages may not show any Indonesian text of the
catalog whose English differs (an untranslated leftover).
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from html.parser import HTMLParser

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image

from gotong.campaigns.models import CampaignStatus, Category
from gotong.disbursements.services import (
    BankAccount,
    disbursement_approve,
    disbursement_mark_paid,
    disbursement_request,
)
from gotong.donations.transitions import DonationEvent
from gotong.moderation.services import report_create
from gotong.notifications.tokens import unsubscribe_token_make
from gotong.payments.services import donation_event_apply
from gotong.transparency.services import log_seal
from gotong.updates.services import update_post
from gotong.verification.services import verification_submit
from tests.factories import CampaignFactory, DonationFactory, UserFactory
from tests.i18n.catalog import changed_in_english, english
from tests.transparency.helpers import TEST_KEY

pytestmark = pytest.mark.django_db

BASE = "https://gotong.example"
VISIBLE_ATTRIBUTES = ("alt", "title", "placeholder", "aria-label")
# A leftover this long is looked for anywhere in the page's text; a shorter one (a single
# word such as "Donasi") only as a text of its own, so a campaign title cannot trip it.
SUBSTRING_MIN = 14


class _Text(HTMLParser):
    """Text nodes and visible attribute values of a page, scripts and styles left out."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.nodes: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self._skip += 1
        values = dict(attrs)
        for name in VISIBLE_ATTRIBUTES:
            if values.get(name):
                self.nodes.append(values[name] or "")
        if tag == "input" and values.get("type") in ("submit", "button"):
            self.nodes.append(values.get("value") or "")
        if tag == "meta" and values.get("name") == "description":
            self.nodes.append(values.get("content") or "")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style") and self._skip:
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.nodes.append(data)


def visible_text(html: str) -> list[str]:
    parser = _Text()
    parser.feed(html)
    nodes = (" ".join(node.split()) for node in parser.nodes)
    return [node for node in nodes if node]


def leftovers(html: str) -> list[str]:
    """Indonesian catalog text on a page that should be English."""
    nodes = visible_text(html)
    whole = " ".join(nodes)
    trimmed = {node.strip(" :·.,()") for node in nodes}
    found = []
    for pieces in changed_in_english(english()):
        plain = [" ".join(re.sub(r"<[^>]+>", " ", piece).split()) for piece in pieces]
        long_pieces = [piece for piece in plain if len(piece) >= SUBSTRING_MIN]
        if long_pieces:
            found += [piece for piece in long_pieces if piece in whole]
        elif len(plain) == 1 and plain[0].strip(" :·.,()") in trimmed:
            found.append(plain[0])
    return sorted(set(found))


def jpeg(name: str) -> SimpleUploadedFile:
    out = io.BytesIO()
    Image.new("RGB", (800, 500), (200, 180, 150)).save(out, format="JPEG")
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/jpeg")


def settle(donation) -> None:
    donation_event_apply(donation=donation, event=DonationEvent.PAID)


@dataclass
class World:
    owner: object
    admin: object
    slug: str  # the campaign with everything on it
    pages: list[tuple[str, str, int]]  # (who: anonymous/owner/admin, path, status)


@pytest.fixture
def world(settings, tmp_path) -> World:
    settings.PUBLIC_BASE_URL = BASE
    settings.LOG_SIGNING_KEY = TEST_KEY
    settings.VAR_DIR = tmp_path / "var"
    settings.VAR_DIR.mkdir()
    owner = UserFactory(display_name="Ibu Sari")
    admin = UserFactory(is_staff=True, is_superuser=True)
    campaign = CampaignFactory(
        owner=owner, category=Category.MEDIS, title="Operasi jantung untuk Aisyah"
    )
    named = DonationFactory(campaign=campaign, amount=1_250_000, name="Budi", message="Semoga")
    hidden = DonationFactory(campaign=campaign, amount=50_000, is_anonymous=True, email="")
    for donation in (named, hidden):
        settle(donation)
    log_seal()
    pending = DonationFactory(campaign=campaign, amount=20_000)
    update_post(
        campaign=campaign,
        actor=owner,
        title="Operasi berjalan lancar",
        body="Terima kasih semuanya, operasi Aisyah berjalan lancar pagi ini.",
    )
    hospital = BankAccount("002", "1234567890", "RS Harapan", is_hospital=True)
    paid = disbursement_request(
        campaign=campaign, actor=owner, amount=100_000, bank=hospital, purpose="Biaya operasi"
    )
    disbursement_approve(disbursement=paid, actor=admin, reason="")
    disbursement_mark_paid(disbursement=paid, actor=admin, transfer_reference="TRF-1")
    waiting = disbursement_request(
        campaign=campaign, actor=owner, amount=50_000, bank=hospital, purpose="Obat"
    )
    in_review = CampaignFactory(
        owner=owner, status=CampaignStatus.IN_REVIEW, published_at=None, title="Atap musala"
    )
    draft = CampaignFactory(owner=owner, status=CampaignStatus.DRAFT, published_at=None)
    applicant = UserFactory()
    verification = verification_submit(
        user=applicant, ktp_photo=jpeg("ktp.jpg"), selfie_photo=jpeg("s.jpg"), phone="081234567890"
    )
    report_create(
        campaign=campaign, reason="misleading", text="Ceritanya tidak cocok.", reporter=None
    )
    slug, order = campaign.slug, named.order_id
    token = unsubscribe_token_make(email=named.email, campaign_id=campaign.pk)
    anonymous = [
        ("/", 200),
        ("/kampanye/", 200),
        ("/kampanye/?kategori=medis", 200),
        (f"/kampanye/{slug}/", 200),
        (f"/kampanye/{slug}/progres/", 200),
        (f"/kampanye/{slug}/buku-besar/", 200),
        ("/transparansi/", 200),
        ("/cari/?q=jantung", 200),
        ("/cari/?q=zzzqqq", 200),
        ("/cari/?kategori=tidak-ada", 200),
        (f"/kuitansi/{order}/", 200),
        ("/kuitansi/periksa/", 200),
        (f"/kuitansi/periksa/?order={order}&jumlah=1250000", 200),
        ("/kuitansi/periksa/?order=%3Cscript%3E", 400),
        (f"/kampanye/{slug}/donasi/", 200),
        (f"/kampanye/{slug}/donasi/?nominal=50000", 200),
        (f"/donasi/{order}/", 200),
        (f"/donasi/{pending.order_id}/", 200),
        (f"/kampanye/{slug}/laporkan/", 200),
        ("/akun/login/", 200),
        ("/akun/signup/", 200),
        (f"/berhenti-langganan/{token}/", 200),
        ("/berhenti-langganan/rusak/", 400),
        ("/tidak-ada-halaman-ini/", 404),
        ("/kampanye/tidak-ada/", 404),
    ]
    as_owner = [
        ("/dasbor/", 200),
        ("/galang-dana/baru/", 200),
        (f"/galang-dana/{draft.slug}/ubah/", 200),
        (f"/kampanye/{draft.slug}/", 200),
        (f"/galang-dana/{slug}/pencairan/", 200),
        (f"/galang-dana/{slug}/pencairan/{paid.pk}/laporan/", 200),
        (f"/galang-dana/{slug}/kabar/", 200),
        ("/verifikasi/", 200),
        (f"/kampanye/{slug}/tautan-saya/", 200),
        ("/staf/tinjauan/", 403),
    ]
    as_admin = [
        ("/staf/tinjauan/", 200),
        (f"/staf/tinjauan/{in_review.slug}/", 200),
        ("/staf/verifikasi/", 200),
        (f"/staf/verifikasi/{verification.pk}/", 200),
        ("/staf/laporan/", 200),
        (f"/staf/laporan/{slug}/", 200),
        ("/staf/pencairan/", 200),
        (f"/staf/pencairan/{waiting.pk}/", 200),
    ]
    pages = [("anonymous", path, status) for path, status in anonymous]
    pages += [("owner", path, status) for path, status in as_owner]
    pages += [("admin", path, status) for path, status in as_admin]
    return World(owner=owner, admin=admin, slug=slug, pages=pages)


def _client(world: World, who: str) -> Client:
    client = Client()
    if who != "anonymous":
        client.force_login(getattr(world, who))
    return client


@pytest.mark.parametrize("language", ["id", "en"])
def test_every_page_renders_in_both_languages(world, language):
    prefix = "" if language == "id" else "/en"
    problems = []
    for who, path, status in world.pages:
        url = prefix + path
        response = _client(world, who).get(url)
        if response.status_code != status:
            problems.append(f"{who} {url}: {response.status_code}, expected {status}")
            continue
        html = response.content.decode()
        if "<html" in html and f'<html lang="{language}">' not in html:
            problems.append(f'{who} {url}: not <html lang="{language}">')
        if language == "en":
            problems += [f"{who} {url}: Indonesian left: {text!r}" for text in leftovers(html)]
    assert not problems, "\n".join(problems)


def test_english_errors_on_a_bad_donation_form(world, client):
    response = client.post(
        f"/en/kampanye/{world.slug}/donasi/", {"amount": "lima puluh", "name": ""}
    )
    assert response.status_code == 422
    html = response.content.decode()
    assert "Enter the amount in rupiah, for example 50,000." in html
    assert "Your name is required (you can hide it)." in html
    assert leftovers(html) == []


def test_the_leftover_check_finds_indonesian_text():
    html = (
        '<p>Donasi</p><p class="x">Donate now</p>'
        "<p><strong>Rp 5</strong> dari 3 donasi berhasil.</p>"
        '<input placeholder="Cari kampanye"><script>var a = "Laporkan";</script>'
    )
    assert leftovers(html) == ["Cari kampanye", "Donasi", "donasi berhasil."]
    assert leftovers("<p>Donate now</p><p>Orang Baik</p><p>Bantu warga desa</p>") == []
