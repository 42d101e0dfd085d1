"""The compact header, its menu (a <details>: no script needed), the icons and the category
illustration of a campaign without a cover, in a real browser."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from gotong.campaigns.models import Category
from tests.factories import CampaignFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

HEADER_MAX_PX = 64


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_phone_header_is_one_bar_and_its_menu_opens(new_context, shot, javascript):
    CampaignFactory(title="Sumur Bor untuk Dusun Kering", category=Category.LINGKUNGAN)
    page = new_context(java_script_enabled=javascript).new_page()
    page.goto("/")
    header = page.locator("header.top")
    box = header.bounding_box()
    assert box is not None
    assert box["height"] <= HEADER_MAX_PX
    assert box["width"] == 390
    expect(page.get_by_test_id("account")).to_be_visible()
    expect(page.get_by_role("link", name="Cari kampanye")).to_be_visible()
    galang = header.get_by_role("link", name="Galang dana", exact=True)
    expect(galang).to_be_hidden()

    page.get_by_test_id("menu").click()
    expect(galang).to_be_visible()
    header_box = header.bounding_box()
    assert header_box is not None
    assert header_box["height"] <= HEADER_MAX_PX
    shot(page, "menu-open")
    galang.click()
    expect(page).to_have_url(re.compile(r"/(galang-dana/baru|akun/login)/"))


def test_desktop_header_has_the_search_box(new_context, shot):
    page = new_context(viewport={"width": 1280, "height": 900}).new_page()
    page.goto("/")
    box = page.locator("header.top").bounding_box()
    assert box is not None
    assert box["height"] <= HEADER_MAX_PX
    expect(page.locator("header .top-search input[name=q]")).to_be_visible()
    expect(page.get_by_role("link", name="Cari kampanye")).to_be_hidden()
    shot(page, "desktop-home")


def test_icons_manifest_and_category_art_answer(new_context):
    campaign = CampaignFactory(category=Category.MEDIS)
    page = new_context().new_page()
    favicon = page.request.get("/favicon.ico")
    assert favicon.status == 200
    assert favicon.headers["content-type"].startswith("image/")
    manifest = page.request.get("/manifest.webmanifest")
    assert manifest.status == 200
    for icon in manifest.json()["icons"]:
        answer = page.request.get(icon["src"])
        assert answer.status == 200, icon["src"]
        assert answer.headers["content-type"].startswith("image/"), icon["src"]

    page.goto(campaign.get_absolute_url())
    art = page.locator("main img.cover-art")
    expect(art).to_have_attribute("src", "/static/gotong/kategori/medis.svg")
    assert art.evaluate("img => img.complete && img.naturalWidth > 0")
    logo = page.locator("header .brand img")
    assert logo.evaluate("img => img.complete && img.naturalWidth > 0")
