"""Which language a request gets, the same page in the other language, and everything that
carries the language onwards: hreflang and canonical links, Open Graph, the sitemap, the
gateway's return address, donor emails, and records that stay Indonesian whatever the page."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import pytest
from django.core import mail
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import translation

from gotong.disbursements.services import (
    BankAccount,
    disbursement_approve,
    disbursement_mark_paid,
    disbursement_request,
)
from gotong.donations.models import Donation
from gotong.donations.services import donation_create
from gotong.ledger.models import EntryKind, JournalEntry
from gotong.payments.gateways.base import PaymentSession
from gotong.payments.services import payment_start
from gotong.transparency.services import log_seal
from gotong.updates.services import update_post
from tests.factories import CampaignFactory, DonationFactory, UserFactory
from tests.receipts.helpers import pdf_qr_urls, pdf_text
from tests.transparency.helpers import TEST_KEY, settle

pytestmark = pytest.mark.django_db

BASE = "https://gotong.example"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


@pytest.fixture(autouse=True)
def _base(settings):
    settings.PUBLIC_BASE_URL = BASE


class Head(HTMLParser):
    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.lang = ""
        self.alternates: dict[str, str] = {}
        self.canonical = ""
        self.meta: dict[str, list[str]] = {}
        self.switcher: dict[str, dict[str, str | None]] = {}
        self.json_ld = ""
        self._ld = False
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "html":
            self.lang = a.get("lang") or ""
        if tag == "link" and a.get("rel") == "alternate":
            self.alternates[a.get("hreflang") or ""] = a.get("href") or ""
        if tag == "link" and a.get("rel") == "canonical":
            self.canonical = a.get("href") or ""
        if tag == "meta" and a.get("property"):
            self.meta.setdefault(a["property"] or "", []).append(a.get("content") or "")
        if tag == "a" and (a.get("data-testid") or "").startswith("language-"):
            self.switcher[a.get("hreflang") or ""] = a
        if tag == "script" and a.get("type") == "application/ld+json":
            self._ld = True

    def handle_endtag(self, tag: str) -> None:
        self._ld = False

    def handle_data(self, data: str) -> None:
        if self._ld:
            self.json_ld += data


def head_of(client, url: str, **headers) -> Head:
    response = client.get(url, headers=headers)
    assert response.status_code == 200, url
    return Head(response.content.decode())


# --- Which language --------------------------------------------------------------------------


def test_unprefixed_pages_are_indonesian_whatever_the_browser_asks(client):
    client.cookies["django_language"] = "en"
    page = head_of(client, "/", accept_language="en-US,en;q=0.9")
    assert page.lang == "id"
    assert head_of(client, "/en/").lang == "en"


def test_machine_endpoints_have_one_address(client):
    campaign = CampaignFactory()
    assert client.get(f"/api/v1/campaigns/{campaign.slug}").status_code == 200
    for path in (
        f"/en/api/v1/campaigns/{campaign.slug}",
        "/en/sitemap.xml",
        "/en/robots.txt",
        "/en/transparency/log/head",
        "/en/payments/midtrans/notification",
        "/en/admin/",
    ):
        assert client.get(path).status_code == 404, path
    with translation.override("en"):
        assert (
            reverse("payments:notification", kwargs={"gateway": "midtrans"})
            == "/payments/midtrans/notification"
        )
        assert reverse("crawlers:sitemap") == "/sitemap.xml"
        assert reverse("campaigns:detail", kwargs={"slug": "x"}) == "/en/kampanye/x/"


def test_an_unknown_language_prefix_is_just_a_missing_page(client):
    assert client.get("/fr/").status_code == 404
    assert client.get("/id/").status_code == 404  # Indonesian lives at the root only


# --- The same page in the other language -----------------------------------------------------


def test_every_page_names_both_versions_and_links_the_other(client):
    campaign = CampaignFactory()
    path = f"/kampanye/{campaign.slug}/"
    for url, lang, other in ((path, "id", "en"), (f"/en{path}", "en", "id")):
        page = head_of(client, url)
        assert page.lang == lang
        assert page.alternates == {
            "id": f"{BASE}{path}",
            "en": f"{BASE}/en{path}",
            "x-default": f"{BASE}{path}",
        }
        assert page.canonical == f"{BASE}{url}"
        assert list(page.switcher) == [other]
        link = page.switcher[other]
        assert link["href"] == (f"/en{path}" if other == "en" else path)
        assert link["lang"] == other


def test_switching_keeps_what_makes_the_page_and_nothing_else(client):
    CampaignFactory(category="medis")
    page = head_of(client, "/kampanye/?kategori=medis&halaman=1&ref=abcd2345&x=<b>")
    assert page.switcher["en"]["href"] == "/en/kampanye/?kategori=medis&halaman=1"
    assert page.alternates["en"] == f"{BASE}/en/kampanye/?kategori=medis&halaman=1"
    campaign = CampaignFactory()
    detail = head_of(client, f"/kampanye/{campaign.slug}/?ref=abcd2345&kategori=medis")
    assert detail.switcher["en"]["href"] == f"/en/kampanye/{campaign.slug}/"
    search = head_of(client, "/en/cari/?q=banjir&urutkan=terbaru")
    assert search.switcher["id"]["href"] == "/cari/?q=banjir&urutkan=terbaru"


def test_a_missing_page_links_home_in_the_other_language(client):
    response = client.get("/en/tidak-ada/")
    assert response.status_code == 404
    page = Head(response.content.decode())
    assert page.lang == "en"
    assert page.alternates == {}  # nothing to index
    assert page.switcher["id"]["href"] == "/"


def test_the_page_cache_keeps_the_languages_apart(client, settings):
    settings.PAGE_CACHE_SECONDS = 60
    campaign = CampaignFactory()
    path = f"/kampanye/{campaign.slug}/"
    for _ in range(2):
        assert "Donasi sekarang" in client.get(path).content.decode()
        assert "Donate now" in client.get(f"/en{path}").content.decode()
    assert client.get(f"/en{path}")["X-Page-Cache"] == "hit"


# --- Link previews and crawlers --------------------------------------------------------------


def test_open_graph_and_json_ld_follow_the_page_language(client):
    campaign = CampaignFactory()
    english = head_of(client, f"/en/kampanye/{campaign.slug}/")
    assert english.meta["og:locale"] == ["en_US"]
    assert english.meta["og:locale:alternate"] == ["id_ID"]
    assert english.meta["og:url"] == [f"{BASE}/en/kampanye/{campaign.slug}/"]
    assert english.meta["og:image"][0].startswith(f"{BASE}/en/kampanye/{campaign.slug}/og.jpg?v=")
    data = json.loads(english.json_ld)
    page = next(node for node in data["@graph"] if node["@type"] == "WebPage")
    assert page["inLanguage"] == "en-US"
    assert page["potentialAction"]["name"] == "Donate now"
    crumbs = next(node for node in data["@graph"] if node["@type"] == "BreadcrumbList")
    assert [c["name"] for c in crumbs["itemListElement"]][:2] == ["Home", "Campaigns"]
    indonesian = head_of(client, f"/kampanye/{campaign.slug}/")
    assert indonesian.meta["og:locale"] == ["id_ID"]
    assert indonesian.meta["og:locale:alternate"] == ["en_US"]


def test_cards_are_drawn_and_kept_per_language(client):
    campaign = CampaignFactory()
    indonesian = client.get(f"/kampanye/{campaign.slug}/og.jpg")
    english = client.get(f"/en/kampanye/{campaign.slug}/og.jpg")
    assert indonesian.status_code == english.status_code == 200
    assert indonesian.content != english.content  # "terkumpul dari" against "raised of"
    folders, files = default_storage.listdir(f"og/{campaign.pk}")
    assert folders == ["en"]
    assert len(files) == 1
    assert len(default_storage.listdir(f"og/{campaign.pk}/en")[1]) == 1
    # Drawing one language's card never removes the other's.
    client.get(f"/kampanye/{campaign.slug}/og.jpg")
    assert len(default_storage.listdir(f"og/{campaign.pk}/en")[1]) == 1


def test_sitemap_lists_both_languages_with_alternates(client):
    campaign = CampaignFactory(category="medis")
    root = ET.fromstring(client.get("/sitemap.xml").content)
    urls = {
        url.findtext(f"{SITEMAP}loc"): {
            link.get("hreflang"): link.get("href") for link in url.findall(f"{XHTML}link")
        }
        for url in root.findall(f"{SITEMAP}url")
    }
    detail = f"/kampanye/{campaign.slug}/"
    both = {"id": f"{BASE}{detail}", "en": f"{BASE}/en{detail}"}
    assert urls[f"{BASE}{detail}"] == both
    assert urls[f"{BASE}/en{detail}"] == both
    assert f"{BASE}/en/kampanye/?kategori=medis" in urls
    assert f"{BASE}/en/" in urls
    assert f"{BASE}/en/transparansi/" in urls


def test_robots_keep_private_english_pages_out_too(client):
    text = client.get("/robots.txt").content.decode()
    for path in ("/akun/", "/en/akun/", "/en/staf/", "/en/kampanye/*/donasi/", "/en/kuitansi/"):
        assert f"Disallow: {path}" in text.splitlines()
    assert "Disallow: /en/api/" not in text


# --- The gateway and donor email -------------------------------------------------------------


class _Gateway:
    def __init__(self) -> None:
        self.requests: list = []

    def create_payment(self, request):
        self.requests.append(request)
        return PaymentSession(token="t", redirect_url="https://pay.example/t")


def test_the_gateway_returns_the_donor_to_the_language_they_gave_in(monkeypatch):
    gateway = _Gateway()
    monkeypatch.setattr("gotong.payments.services.gateway_get", lambda name=None: gateway)
    campaign = CampaignFactory()
    with translation.override("en"):
        english = donation_create(campaign=campaign, amount=50_000, name="Sarah")
    indonesian = donation_create(campaign=campaign, amount=50_000, name="Siti")
    assert (english.language, indonesian.language) == ("en", "id")
    payment_start(donation=english)  # wherever it is called from
    payment_start(donation=indonesian)
    finish = [request.finish_url for request in gateway.requests]
    assert finish == [
        f"{BASE}/en/donasi/{english.order_id}/",
        f"{BASE}/donasi/{indonesian.order_id}/",
    ]
    notify = {request.notification_url for request in gateway.requests}
    assert notify == {f"{BASE}/payments/midtrans/notification"}


def test_the_api_makes_indonesian_donations(client, monkeypatch):
    monkeypatch.setattr("gotong.payments.services.gateway_get", lambda name=None: _Gateway())
    campaign = CampaignFactory()
    response = client.post(
        f"/api/v1/campaigns/{campaign.slug}/donations",
        {"amount": 50_000, "name": "Budi", "email": "", "anonymous": False, "message": ""},
        content_type="application/json",
        headers={"accept-language": "en"},
    )
    assert response.status_code == 201
    assert Donation.objects.get(campaign=campaign).language == "id"


@pytest.mark.django_db(transaction=True)
def test_receipt_email_is_in_the_language_of_the_donation():
    campaign = CampaignFactory(title="Sumur bor")
    english = DonationFactory(campaign=campaign, amount=1_250_000, email="a@contoh.id")
    Donation.objects.filter(pk=english.pk).update(language="en")
    indonesian = DonationFactory(campaign=campaign, amount=1_250_000, email="b@contoh.id")
    with translation.override("en"):  # the page a settlement happens on does not matter
        settle(Donation.objects.get(pk=english.pk))
        settle(indonesian)
    by_address = {message.to[0]: message for message in mail.outbox}
    en, id_ = by_address["a@contoh.id"], by_address["b@contoh.id"]
    assert en.subject == "Thank you! The e-receipt for your donation to “Sumur bor”"
    assert "Hello Budi," in en.body
    assert "Rp 1,250,000" in en.body
    assert "Satu juta dua ratus lima puluh ribu rupiah" in en.body
    assert f"{BASE}/en/kuitansi/{english.order_id}/" in en.body
    assert f"{BASE}/en/berhenti-langganan/" in en.extra_headers["List-Unsubscribe"]
    html = en.alternatives[0][0]
    assert '<html lang="en">' in html
    assert id_.subject == "Terima kasih! E-kuitansi donasi Anda untuk “Sumur bor”"
    assert "Rp 1.250.000" in id_.body
    assert f"{BASE}/kuitansi/{indonesian.order_id}/" in id_.body
    assert "/en/" not in id_.body


@pytest.mark.django_db(transaction=True)
def test_update_email_follows_each_donors_latest_donation():
    owner = UserFactory()
    campaign = CampaignFactory(owner=owner)
    for email, language in (("a@contoh.id", "id"), ("a@contoh.id", "en"), ("b@contoh.id", "id")):
        donation = DonationFactory(campaign=campaign, email=email)
        Donation.objects.filter(pk=donation.pk).update(language=language)
        settle(Donation.objects.get(pk=donation.pk))
    mail.outbox.clear()
    update_post(
        campaign=campaign, actor=owner, title="Sudah dibangun", body="Sumurnya sudah selesai dibor."
    )
    subjects = {message.to[0]: message.subject for message in mail.outbox}
    assert subjects == {
        "a@contoh.id": f"Update: {campaign.title}",
        "b@contoh.id": f"Kabar terbaru: {campaign.title}",
    }


# --- Records stay Indonesian -----------------------------------------------------------------


def test_ledger_memos_are_written_in_indonesian_and_shown_translated(client):
    owner, finance = UserFactory(), UserFactory(is_staff=True, is_superuser=True)
    campaign = CampaignFactory(owner=owner, category="medis")
    settle(DonationFactory(campaign=campaign, amount=1_000_000))
    bank = BankAccount("002", "1234567890", "RS Harapan", is_hospital=True)
    with translation.override("en"):
        disbursement = disbursement_request(
            campaign=campaign, actor=owner, amount=100_000, bank=bank, purpose="Obat"
        )
        disbursement_approve(disbursement=disbursement, actor=finance, reason="")
        disbursement_mark_paid(disbursement=disbursement, actor=finance, transfer_reference="T1")
    memo = JournalEntry.objects.get(kind=EntryKind.DISBURSEMENT_PAID).memo
    assert memo == "Pencairan dana: Obat"
    english = client.get(f"/en/kampanye/{campaign.slug}/buku-besar.json").json()
    indonesian = client.get(f"/kampanye/{campaign.slug}/buku-besar.json").json()
    assert english["entries"][-1]["description"] == "Disbursement: Obat"
    assert indonesian["entries"][-1]["description"] == "Pencairan dana: Obat"


def test_receipt_pdf_stays_indonesian_from_an_english_page(client, settings, tmp_path):
    settings.LOG_SIGNING_KEY = TEST_KEY
    settings.VAR_DIR = tmp_path / "var"
    settings.VAR_DIR.mkdir()
    donation = DonationFactory(amount=1_250_000)
    settle(donation)
    log_seal()
    page = client.get(f"/en/kuitansi/{donation.order_id}/").content.decode()
    assert "Rp 1,250,000" in page
    assert "Satu juta dua ratus lima puluh ribu rupiah" in page
    assert "In words" in page
    pdf = client.get(f"/en/kuitansi/{donation.order_id}.pdf").content
    text = pdf_text(pdf)
    assert "Uang sejumlah" in text
    assert "Rp 1.250.000" in text
    [url] = pdf_qr_urls(pdf)
    assert url.startswith(f"{BASE}/kuitansi/periksa/?")


@pytest.mark.parametrize(
    "path",
    [
        "/en/kampanye/%00/",
        "/en/%FF%FE/",
        "/en/cari/?q=%00&kategori=%FF",
        "/en/kampanye/?kategori=%00&halaman=-1",
        "/en/kuitansi/periksa/?order=%FF&jumlah=x&leaf=%00",
        "/EN/",
        "/en//",
    ],
)
def test_odd_addresses_never_break_the_language_links(client, path):
    assert client.get(path).status_code in (200, 400, 404)
