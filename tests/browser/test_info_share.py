"""A resident passes a verified help post on from a phone: the share block shows the WhatsApp
text with its status, copies it with one tap, links to WhatsApp, and prints an A4 poster whose
QR code leads back to the post."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from gotong.info.services import info_verify
from tests.info.conftest import post
from tests.receipts.helpers import pdf_qr_urls, pdf_text

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("makassar"),
]


def test_a_verified_post_is_shared_copied_and_printed_from_a_phone(
    new_context, shot, live_gateway, verifier
):
    p = post(title="Dapur umum Masjid Nurul Iman: makan siang gratis")
    info_verify(post=p, actor=verifier, note="Ditelepon takmir masjid", evidence="foto spanduk")
    context = new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(f"/info/{p.pk}/")
    block = page.get_by_test_id("info-share")
    block.scroll_into_view_if_needed()
    text = page.get_by_test_id("share-text")
    expect(text).to_have_value(
        re.compile(r"^✅ Terverifikasi \d{1,2} \w{3} \d{4} · sumber: dilihat langsung\n")
    )
    shot(page, "share-block")
    box = block.bounding_box()
    assert box is not None
    assert box["x"] >= 0
    assert box["x"] + box["width"] <= 390

    expect(page.get_by_test_id("share-whatsapp")).to_have_attribute(
        "href", re.compile(r"^https://wa\.me/\?text=%E2%9C%85%20Terverifikasi")
    )
    copy = page.get_by_test_id("share-copy")
    expect(copy).to_be_visible()  # the script found a clipboard
    copy.click()
    expect(copy).to_have_text("Tersalin")
    assert page.evaluate("navigator.clipboard.readText()") == text.input_value()

    poster = page.request.get(page.get_by_test_id("info-poster").get_attribute("href") or "")
    assert poster.status == 200
    assert poster.headers["content-type"] == "application/pdf"
    url = f"{live_gateway.url}/info/{p.pk}/"
    assert pdf_qr_urls(poster.body()) == [url]
    assert "TERVERIFIKASI" in pdf_text(poster.body())
