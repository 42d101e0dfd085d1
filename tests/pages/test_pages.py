"""The platform's own pages answer in both languages, say what this instance's settings say,
and every page's footer names the foundation's PUB permit and links them."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db

PAGES = ["/tentang/", "/bantuan/", "/syarat/", "/privasi/", "/kontak/"]


@pytest.mark.parametrize("prefix", ["", "/en"])
@pytest.mark.parametrize("path", PAGES)
def test_every_page_answers_in_both_languages(client, prefix, path):
    response = client.get(prefix + path)
    assert response.status_code == 200
    assert f'<html lang="{prefix.strip("/") or "id"}">' in response.content.decode()


def test_the_footer_shows_the_permit_from_settings_and_links_the_pages(client, settings):
    settings.FOUNDATION_PUB_PERMIT = "123/HUK-PS/PUB/2026"
    settings.FOUNDATION_NAME = "Yayasan Uji Gotong"
    for path in ("/", "/bantuan/", "/en/kampanye/"):
        html = client.get(path).content.decode()
        assert "Izin PUB No. 123/HUK-PS/PUB/2026" in html or "123/HUK-PS/PUB/2026" in html
        assert "Yayasan Uji Gotong" in html
    html = client.get("/").content.decode()
    for path in ("/transparansi/", "/donasi-saya/", *PAGES):
        assert f'href="{path}"' in html
    english = client.get("/en/kampanye/").content.decode()
    assert 'href="/en/privasi/"' in english


def test_without_a_permit_the_footer_says_so(client, settings):
    settings.FOUNDATION_PUB_PERMIT = ""
    html = client.get("/kontak/").content.decode()
    assert "Nomor izin PUB belum dicantumkan" in html


def test_the_help_page_states_this_instance_fee_and_periods(client, settings):
    settings.PLATFORM_FEE_BASIS_POINTS = 250
    settings.FEE_ZERO_CATEGORIES = ["bencana-alam", "medis"]
    settings.USAGE_REPORT_DAYS = 21
    html = client.get("/bantuan/").content.decode()
    assert "Biaya platform 2,5% dari setiap donasi" in html
    assert "Bencana alam, Medis" in html or "Medis, Bencana alam" in html
    assert "21 hari setelah pencairan" in html
    assert 'href="/kuitansi/periksa/"' in html


def test_the_privacy_page_names_the_officer_and_the_periods(client, settings):
    settings.DPO_NAME = "Sari Wulandari"
    settings.DPO_EMAIL = "dpo@yayasan.example"
    settings.RETENTION_FINANCIAL_YEARS = 10
    settings.RETENTION_KYC_YEARS = 3
    settings.RETENTION_CONTACT_DAYS = 90
    html = client.get("/privasi/").content.decode()
    assert "Sari Wulandari" in html
    assert 'href="mailto:dpo@yayasan.example"' in html
    assert "27 Tahun 2022" in html
    assert "10 tahun (catatan keuangan)" in html
    assert "3 tahun setelah kampanye terakhir Anda berakhir" in html
    assert "90 hari setelah kebutuhan" in html
    for data in ("KTP", "nomor HP", "alamat IP", "WhatsApp", "email"):
        assert data in html


def test_the_contact_page_shows_the_foundation(client, settings):
    settings.FOUNDATION_ADDRESS = "Jl. Merdeka 17, Makassar"
    settings.CONTACT_EMAIL = "halo@yayasan.example"
    html = client.get("/kontak/").content.decode()
    assert "Jl. Merdeka 17, Makassar" in html
    assert 'href="mailto:halo@yayasan.example"' in html


def test_the_pages_are_in_the_sitemap_in_both_languages(client):
    xml = client.get("/sitemap.xml").content.decode()
    for path in PAGES:
        assert f"<loc>http://127.0.0.1:8000{path}</loc>" in xml
        assert f'href="http://127.0.0.1:8000/en{path}"' in xml


def test_robots_keep_donor_history_links_out(client):
    text = client.get("/robots.txt").content.decode().splitlines()
    assert "Disallow: /donasi-saya/" in text
    assert "Disallow: /en/donasi-saya/" in text
