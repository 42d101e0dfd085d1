"""The site's identity: favicon, web manifest, category illustrations and the error pages."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.contrib.staticfiles import finders
from django.core.exceptions import PermissionDenied
from django.test import RequestFactory
from django.views import defaults

from gotong.campaigns.covers import category_art
from gotong.campaigns.models import Category
from gotong.demo.covers import ART_DIR
from tests.factories import CampaignFactory


def _static_path(url: str) -> str:
    assert url.startswith(settings.STATIC_URL)
    return url.removeprefix(settings.STATIC_URL).split("?")[0]


def test_favicon_is_an_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/x-icon"
    assert response.content[:4] == b"\x00\x00\x01\x00"  # the ICO header
    assert "max-age" in response["Cache-Control"]


def test_manifest_is_valid_json_with_icons_that_exist(client):
    response = client.get("/manifest.webmanifest")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/manifest+json"
    manifest = json.loads(response.content)
    assert manifest["short_name"] == "Gotong"
    assert manifest["start_url"] == "/"
    assert manifest["theme_color"].startswith("#")
    sizes = {icon["sizes"] for icon in manifest["icons"]}
    assert {"192x192", "512x512"} <= sizes
    assert any(icon.get("purpose") == "maskable" for icon in manifest["icons"])
    for icon in manifest["icons"]:
        assert finders.find(_static_path(icon["src"])), icon["src"]


@pytest.mark.django_db
def test_every_page_links_the_icons_and_manifest(client):
    html = client.get("/").content.decode()
    assert '<link rel="icon" href="/favicon.ico"' in html
    assert 'rel="manifest" href="/manifest.webmanifest"' in html
    assert 'rel="apple-touch-icon"' in html
    assert '<meta name="theme-color"' in html


@pytest.mark.parametrize("category", Category.values)
def test_every_category_has_an_illustration(category):
    svg = finders.find(category_art(category))
    assert svg, category
    assert Path(svg).read_text().lstrip().startswith("<svg")
    assert (ART_DIR / f"{category}.png").is_file()  # the demo covers' raster


def test_an_unknown_category_falls_back_to_lainnya():
    assert category_art("tidak-ada") == "gotong/kategori/lainnya.svg"


@pytest.mark.django_db
def test_a_campaign_without_cover_shows_its_category_illustration(client):
    campaign = CampaignFactory(category=Category.PENDIDIKAN)
    assert not campaign.cover
    for path in ("/", campaign.get_absolute_url()):
        html = client.get(path).content.decode()
        assert '/static/gotong/kategori/pendidikan.svg"' in html, path
        assert "cover-placeholder" not in html


@pytest.mark.django_db
def test_unknown_address_gets_the_styled_404(client):
    response = client.get("/tidak-ada-halaman-ini/")
    assert response.status_code == 404
    html = response.content.decode()
    assert 'data-testid="error-404"' in html
    assert "Halaman tidak ditemukan" in html
    assert 'action="/cari/"' in html


def test_500_renders_without_request_context_or_database():
    """Django renders 500.html with an empty context; no database access is allowed here."""
    response = defaults.server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    html = response.content.decode()
    assert 'data-testid="error-500"' in html
    assert "Terjadi gangguan di sisi kami" in html
    assert "/static/gotong/gotong.css" in html


@pytest.mark.django_db
def test_403_is_styled():
    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    response = defaults.permission_denied(request, PermissionDenied())
    assert response.status_code == 403
    html = response.content.decode()
    assert 'data-testid="error-403"' in html
    assert "Akses ditolak" in html
