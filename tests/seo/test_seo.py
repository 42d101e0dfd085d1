"""Sharing and search: Open Graph and Twitter tags, the per-campaign card, JSON-LD, canonical
URLs, share links, sitemap.xml and robots.txt."""

from __future__ import annotations

import io
import json
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image

from gotong.campaigns.models import CampaignStatus
from gotong.donations.models import Donation
from gotong.donations.transitions import DonationEvent
from gotong.payments.services import donation_event_apply
from gotong.seo import og
from tests.factories import CampaignFactory, DonationFactory

pytestmark = pytest.mark.django_db

BASE = "https://gotong.example"
SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@pytest.fixture(autouse=True)
def _public_base(settings):
    """A base URL unlike the test client's host: every absolute URL must come from it."""
    settings.PUBLIC_BASE_URL = BASE


class Page(HTMLParser):
    """What link previews read from a page: meta tags, links, JSON-LD, share anchors, inputs."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.meta: dict[str, str] = {}
        self.canonical: list[str] = []
        self.json_ld: list[str] = []
        self.testids: dict[str, dict[str, str | None]] = {}
        self._in_ld = False
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "meta" and (a.get("property") or a.get("name")):
            self.meta[a.get("property") or a["name"] or ""] = a.get("content") or ""
        if tag == "link" and a.get("rel") == "canonical":
            self.canonical.append(a.get("href") or "")
        if tag == "script" and a.get("type") == "application/ld+json":
            self._in_ld = True
            self.json_ld.append("")
        if a.get("data-testid"):
            self.testids[a["data-testid"] or ""] = a

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_ld = False

    def handle_data(self, data: str) -> None:
        if self._in_ld:
            self.json_ld[-1] += data


def page_of(client, url: str) -> Page:
    response = client.get(url)
    assert response.status_code == 200
    return Page(response.content.decode())


def settle(donation: Donation) -> None:
    donation_event_apply(donation=donation, event=DonationEvent.PAID)


def jpeg_bytes(width: int = 1200, height: int = 675) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), (200, 120, 40)).save(out, format="JPEG")
    return out.getvalue()


def og_path(page: Page) -> str:
    url = page.meta["og:image"]
    assert url.startswith(BASE)
    return url.removeprefix(BASE)


# --- Open Graph and Twitter Card -------------------------------------------------------------


def test_campaign_page_carries_open_graph_and_twitter_tags_on_the_public_base_url(client):
    campaign = CampaignFactory(
        title="Bantu Ibu Sari & anaknya",
        summary="",
        story="Ibu Sari **butuh** operasi katup jantung. <script>alert(1)</script> " + "kata " * 80,
    )
    page = page_of(client, f"/kampanye/{campaign.slug}/?ref=wa&nominal=50000")
    url = f"{BASE}/kampanye/{campaign.slug}/"
    meta = page.meta
    assert page.canonical == [url]
    assert meta["og:url"] == url
    assert meta["og:type"] == "website"
    assert meta["og:locale"] == "id_ID"
    assert meta["og:site_name"] == "Gotong"
    assert meta["og:title"] == "Bantu Ibu Sari & anaknya"
    assert meta["og:image"].startswith(f"{url}og.jpg?v=")
    assert (meta["og:image:width"], meta["og:image:height"]) == ("1200", "630")
    assert meta["og:image:type"] == "image/jpeg"
    assert meta["twitter:card"] == "summary_large_image"
    assert meta["twitter:title"] == meta["og:title"]
    assert meta["twitter:image"] == meta["og:image"]
    description = meta["og:description"]
    assert description.startswith("Ibu Sari butuh operasi katup jantung.")
    assert "<" not in description
    assert "alert" not in description
    assert len(description) <= 200
    assert description.endswith("…")
    assert meta["twitter:description"] == description
    assert meta["description"] == description


def test_the_campaigners_summary_is_the_description_when_there_is_one(client):
    campaign = CampaignFactory(summary="Atap musala bocor setiap hujan.")
    meta = page_of(client, campaign.get_absolute_url()).meta
    assert meta["og:description"] == "Atap musala bocor setiap hujan."


def test_card_is_a_1200_by_630_jpeg_with_a_cover_or_without(client):
    plain = CampaignFactory()
    covered = CampaignFactory()
    covered.cover.save("cover.jpg", ContentFile(jpeg_bytes(800, 1000)))
    for campaign in (plain, covered):
        path = og_path(page_of(client, campaign.get_absolute_url()))
        response = client.get(path)
        assert response.status_code == 200
        assert response["Content-Type"] == "image/jpeg"
        assert response["Cache-Control"] == "public, max-age=604800"
        image = Image.open(io.BytesIO(response.content))
        assert image.format == "JPEG"
        assert image.size == (1200, 630)
    assert client.head(path).status_code == 200  # some crawlers look before they fetch
    assert client.post(path).status_code == 405
    # Without the version (or with an old one) the card still comes, cached for less long.
    response = client.get(f"/kampanye/{plain.slug}/og.jpg?v=lama")
    assert response.status_code == 200
    assert response["Cache-Control"] == "public, max-age=600"


def test_card_is_drawn_once_per_version_and_kept_in_storage(client, monkeypatch):
    campaign = CampaignFactory()
    drawn = []
    real_draw = og.og_image_draw

    def counting_draw(**kwargs):
        drawn.append(kwargs["collected"])
        return real_draw(**kwargs)

    monkeypatch.setattr("gotong.seo.services.og_image_draw", counting_draw)
    path = og_path(page_of(client, campaign.get_absolute_url()))
    first = client.get(path).content
    second = client.get(path).content
    assert first == second
    assert drawn == [0]
    _, files = default_storage.listdir(f"og/{campaign.pk}")
    assert len(files) == 1


def test_card_version_follows_noticeable_amounts_only(client):
    campaign = CampaignFactory(target=50_000_000)  # one step: 1% of the target, Rp 500.000
    before = page_of(client, campaign.get_absolute_url()).meta["og:image"]
    client.get(before.removeprefix(BASE))

    settle(DonationFactory(campaign=campaign, amount=10_000))
    after_tiny = page_of(client, campaign.get_absolute_url()).meta["og:image"]
    assert after_tiny == before

    settle(DonationFactory(campaign=campaign, amount=1_000_000))
    after_big = page_of(client, campaign.get_absolute_url()).meta["og:image"]
    assert after_big != before
    assert parse_qs(urlsplit(after_big).query)["v"][0].startswith("2-")
    response = client.get(after_big.removeprefix(BASE))
    assert response["Cache-Control"] == "public, max-age=604800"
    # The older card is gone from storage; only the current one is kept.
    _, files = default_storage.listdir(f"og/{campaign.pk}")
    assert files == [f"{parse_qs(urlsplit(after_big).query)['v'][0]}.jpg"]


def test_bucket_step_is_one_percent_of_the_target_but_at_most_a_million():
    assert og.og_step(target=100_000) == 1_000
    assert og.og_step(target=50_000_000) == 500_000
    assert og.og_step(target=10_000_000_000) == 1_000_000
    assert og.og_bucket(collected=499_999, target=50_000_000) == 0
    assert og.og_bucket(collected=500_000, target=50_000_000) == 1


@pytest.mark.parametrize("status", [CampaignStatus.DRAFT, CampaignStatus.IN_REVIEW, "unknown-slug"])
def test_card_is_404_unless_the_campaign_is_public(client, status):
    if status == "unknown-slug":
        slug = "tidak-ada"
    else:
        slug = CampaignFactory(status=status, published_at=None).slug
    assert client.get(f"/kampanye/{slug}/og.jpg").status_code == 404


def test_owner_preview_of_a_draft_has_no_card(client):
    campaign = CampaignFactory(status=CampaignStatus.DRAFT, published_at=None)
    client.force_login(campaign.owner)
    meta = page_of(client, campaign.get_absolute_url()).meta
    assert "og:image" not in meta
    assert meta["og:title"] == campaign.title


def test_card_survives_an_unreadable_cover_and_missing_fonts(client, monkeypatch, tmp_path):
    campaign = CampaignFactory()
    campaign.cover.save("cover.jpg", ContentFile(b"not an image at all"))
    monkeypatch.setattr(og, "FONT_DIRS", (tmp_path,))
    og.font_load.cache_clear()
    try:
        response = client.get(f"/kampanye/{campaign.slug}/og.jpg")
    finally:
        og.font_load.cache_clear()
    assert response.status_code == 200
    assert Image.open(io.BytesIO(response.content)).size == (1200, 630)


def test_long_titles_wrap_within_three_lines():
    draw = og.ImageDraw.Draw(Image.new("RGB", (1, 1)))
    lines, _, _ = og.title_lines(draw, "Bantu " * 40 + "Supercalifragilistic" * 6, 1088)
    assert len(lines) == 3
    assert lines[-1].endswith("…")
    for line in lines:
        assert draw.textlength(line, font=og.font_load(46, bold=True)) <= 1088


# --- JSON-LD ---------------------------------------------------------------------------------


def test_json_ld_parses_and_describes_the_campaign(client):
    campaign = CampaignFactory(title="Sumur bor untuk Desa Oelbubuk", category="lingkungan")
    page = page_of(client, campaign.get_absolute_url())
    assert len(page.json_ld) == 1
    data = json.loads(page.json_ld[0])
    assert data["@context"] == "https://schema.org"
    nodes = {node["@type"]: node for node in data["@graph"]}
    web = nodes["WebPage"]
    url = f"{BASE}/kampanye/{campaign.slug}/"
    assert web["url"] == url
    assert web["name"] == "Sumur bor untuk Desa Oelbubuk"
    assert web["inLanguage"] == "id-ID"
    assert web["primaryImageOfPage"]["url"] == page.meta["og:image"]
    action = web["potentialAction"]
    assert action["@type"] == "DonateAction"
    assert action["target"]["urlTemplate"] == f"{BASE}/kampanye/{campaign.slug}/donasi/"
    assert action["priceSpecification"]["priceCurrency"] == "IDR"
    crumbs = nodes["BreadcrumbList"]["itemListElement"]
    assert [c["position"] for c in crumbs] == [1, 2, 3, 4]
    assert [c["item"] for c in crumbs] == [
        f"{BASE}/",
        f"{BASE}/kampanye/",
        f"{BASE}/kampanye/?kategori=lingkungan",
        url,
    ]
    assert crumbs[2]["name"] == "Lingkungan"


def test_json_ld_cannot_be_broken_out_of_by_a_title(client):
    title = 'Bantu </script><script>alert("x")</script> & <!-- teman'
    campaign = CampaignFactory(title=title)
    html = client.get(campaign.get_absolute_url()).content.decode()
    assert "<script>alert" not in html
    page = Page(html)
    data = json.loads(page.json_ld[0])
    assert data["@graph"][0]["name"] == title
    assert page.meta["og:title"] == title


def test_json_ld_of_an_ended_campaign_offers_no_donation(client):
    campaign = CampaignFactory(status=CampaignStatus.ENDED)
    data = json.loads(page_of(client, campaign.get_absolute_url()).json_ld[0])
    assert "potentialAction" not in data["@graph"][0]


# --- Canonical URLs and share links ----------------------------------------------------------


def test_canonical_urls_drop_query_strings(client):
    CampaignFactory(category="medis")
    assert page_of(client, "/?ref=wa&utm_source=x").canonical == [f"{BASE}/"]
    assert page_of(client, "/kampanye/?ref=wa").canonical == [f"{BASE}/kampanye/"]
    assert page_of(client, "/kampanye/?kategori=medis&ref=wa&halaman=abc").canonical == [
        f"{BASE}/kampanye/?kategori=medis"
    ]
    assert page_of(client, "/kampanye/?kategori=%3Cx%3E").canonical == [f"{BASE}/kampanye/"]


def test_share_links_carry_the_title_and_the_canonical_url_encoded(client):
    campaign = CampaignFactory(title="Ani & Budi: sekolah lagi? #bisa")
    url = f"{BASE}/kampanye/{campaign.slug}/"
    page = page_of(client, f"{campaign.get_absolute_url()}?ref=x")
    links = {key: attrs.get("href") or "" for key, attrs in page.testids.items()}

    def query(href: str) -> dict[str, list[str]]:
        assert " " not in href
        assert "#" not in href
        return parse_qs(urlsplit(href).query)

    assert links["share-whatsapp"].startswith("https://wa.me/?text=")
    assert query(links["share-whatsapp"]) == {"text": [f"{campaign.title} {url}"]}
    assert links["share-telegram"].startswith("https://t.me/share/url?")
    assert query(links["share-telegram"]) == {"url": [url], "text": [campaign.title]}
    assert links["share-x"].startswith("https://x.com/intent/post?")
    assert query(links["share-x"]) == {"text": [campaign.title], "url": [url]}
    assert links["share-facebook"].startswith("https://www.facebook.com/sharer/sharer.php?")
    assert query(links["share-facebook"]) == {"u": [url]}
    # Copy-link works without JavaScript (a read-only field); the button appears with it.
    field = page.testids["share-url"]
    assert field["value"] == url
    assert "readonly" in field
    assert "hidden" in page.testids["share-copy"]


# --- sitemap.xml and robots.txt --------------------------------------------------------------


def test_sitemap_lists_public_pages_and_campaigns_but_not_drafts(client):
    open_campaign = CampaignFactory(category="medis")
    ended = CampaignFactory(status=CampaignStatus.ENDED)
    draft = CampaignFactory(status=CampaignStatus.DRAFT, published_at=None)
    in_review = CampaignFactory(status=CampaignStatus.IN_REVIEW, published_at=None)
    suspended = CampaignFactory(status=CampaignStatus.SUSPENDED)
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    root = ET.fromstring(response.content)
    assert root.tag == f"{SITEMAP_NS}urlset"
    entries = {
        url.findtext(f"{SITEMAP_NS}loc"): url.findtext(f"{SITEMAP_NS}lastmod")
        for url in root.findall(f"{SITEMAP_NS}url")
    }
    assert all(loc and loc.startswith(f"{BASE}/") for loc in entries)
    assert f"{BASE}/" in entries
    assert f"{BASE}/kampanye/" in entries
    assert f"{BASE}/kampanye/?kategori=medis" in entries
    assert f"{BASE}/kampanye/?kategori=pendidikan" not in entries  # nothing to show there
    for campaign in (open_campaign, ended):
        lastmod = entries[f"{BASE}/kampanye/{campaign.slug}/"]
        assert lastmod
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}(T.*)?", lastmod)
    for campaign in (draft, in_review, suspended):
        assert f"{BASE}/kampanye/{campaign.slug}/" not in entries


def _robots_rules(text: str) -> list[tuple[str, str]]:
    rules = []
    for line in text.splitlines():
        field, _, value = line.partition(":")
        if field.strip().lower() in {"allow", "disallow"} and value.strip():
            rules.append((field.strip().lower(), value.strip()))
    return rules


def _allowed(rules: list[tuple[str, str]], path: str) -> bool:
    """RFC 9309: the longest matching rule wins; `*` matches any run of characters."""
    best = ("allow", "")
    for kind, pattern in rules:
        regex = ".*".join(re.escape(part) for part in pattern.split("*"))
        if re.match(regex, path) and len(pattern) > len(best[1]):
            best = (kind, pattern)
    return best[0] == "allow"


def test_robots_txt_keeps_crawlers_on_public_pages_and_points_to_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    text = response.content.decode()
    assert f"Sitemap: {BASE}/sitemap.xml" in text.splitlines()
    rules = _robots_rules(text)
    for public in (
        "/",
        "/kampanye/",
        "/kampanye/?kategori=medis",
        "/kampanye/bantu-warga/",
        "/kampanye/bantu-warga/og.jpg?v=1-abc",
        "/kampanye/bantu-warga/buku-besar/",
        "/transparansi/",
        "/static/gotong/gotong.css",
        "/media/covers/2025/01/cover.jpg",
    ):
        assert _allowed(rules, public), public
    for private in (
        "/staf/tinjauan/",
        "/akun/login/",
        "/admin/",
        "/sandbox/midtrans/pay/x/",
        "/api/v1/campaigns",
        "/kuitansi/GTG-1-abc/",
        "/donasi/GTG-1-abc/",
        "/dasbor/",
        "/galang-dana/baru/",
        "/kampanye/bantu-warga/donasi/?nominal=50000",
        "/kampanye/bantu-warga/laporkan/",
        "/kampanye/bantu-warga/progres/",
        "/verifikasi/",
    ):
        assert not _allowed(rules, private), private
