"""The donation form with JavaScript on a phone: a tile chosen after typing keeps the name and
the prayer, the typed amount is grouped as it is typed, the fee follows the amount, the prayer
counts its characters; then the thank-you page invites sharing."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

from gotong.donations.models import Donation, DonationStatus
from gotong.donations.services import MESSAGE_MAX_LENGTH
from tests.factories import CampaignFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NAME = "Rina Wulandari"
PRAYER = "Semoga lekas sembuh"


def test_donation_form_keeps_what_was_typed_and_explains_the_fee(new_context, shot):
    campaign = CampaignFactory(title="Atap sekolah Desa Sukamaju")
    context = new_context()
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(f"/kampanye/{campaign.slug}/donasi/")
    amount = page.get_by_label("Nominal donasi (Rp)")
    fee = page.get_by_test_id("fee-line")
    counter = page.get_by_test_id("message-count")
    expect(fee).to_have_text(re.compile(r"^Biaya platform 5% diambil dari donasi"))
    expect(counter).to_have_text(f"0 dari {MESSAGE_MAX_LENGTH} karakter")

    page.get_by_label("Nama", exact=True).fill(NAME)
    page.get_by_label("Doa dan dukungan (opsional)").fill(PRAYER)
    expect(counter).to_have_text(f"{len(PRAYER)} dari {MESSAGE_MAX_LENGTH} karakter")
    expect(counter).to_have_attribute("aria-live", "polite")

    # A tile after typing: nothing typed is lost, the amount and its fee follow the tile.
    page.get_by_test_id("preset-100000").click()
    expect(page.get_by_label("Nama", exact=True)).to_have_value(NAME)
    expect(page.get_by_label("Doa dan dukungan (opsional)")).to_have_value(PRAYER)
    expect(amount).to_have_value("100.000")
    expect(fee).to_have_text(
        "Biaya platform 5%: Rp 5.000 — diambil dari donasi, Rp 95.000 untuk kampanye."
    )
    shot(page, "tile-chosen")

    # Typing an amount groups it, picks "nominal lainnya" (or the tile it equals) and the fee.
    amount.fill("")
    amount.press_sequentially("75000")
    expect(amount).to_have_value("75.000")
    expect(page.get_by_test_id("preset-lainnya").locator("input")).to_be_checked()
    expect(fee).to_have_text(
        "Biaya platform 5%: Rp 3.750 — diambil dari donasi, Rp 71.250 untuk kampanye."
    )
    amount.press("End")
    for _ in range(3):
        amount.press("ArrowLeft")
    amount.press("Backspace")  # the caret sits after the dot: the 5 before it goes
    expect(amount).to_have_value("7.000")
    expect(fee).to_have_text("Donasi minimal Rp 10.000.")
    amount.fill("")
    amount.press_sequentially("Rp 250000")
    expect(amount).to_have_value("250.000")
    expect(page.get_by_test_id("preset-250000").locator("input")).to_be_checked()
    amount.fill("")
    amount.press_sequentially("1234567")
    expect(amount).to_have_value("1.234.567")
    expect(fee).to_contain_text("Rp 61.728 — diambil dari donasi, Rp 1.172.839 untuk kampanye")
    # A decimal comma is left as typed for the server to explain.
    amount.fill("50.000,5")
    expect(amount).to_have_value("50.000,5")
    expect(page.get_by_test_id("preset-lainnya").locator("input")).to_be_checked()
    amount.fill("")
    amount.press_sequentially("75000")
    shot(page, "other-amount-typed")

    # The prayer stops at its limit and says so.
    prayer = page.get_by_label("Doa dan dukungan (opsional)")
    prayer.fill("x" * (MESSAGE_MAX_LENGTH + 20))
    expect(prayer).to_have_value("x" * MESSAGE_MAX_LENGTH)
    expect(counter).to_have_text(f"{MESSAGE_MAX_LENGTH} dari {MESSAGE_MAX_LENGTH} karakter")
    expect(counter).to_have_class(re.compile("counter-near"))
    prayer.fill(PRAYER)

    page.set_viewport_size({"width": 1280, "height": 900})
    shot(page, "form-desktop", full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})

    page.get_by_test_id("pay-button").click()
    expect(page).to_have_url(re.compile(r"/sandbox/midtrans/pay/[0-9a-f-]{36}/$"))
    expect(page.get_by_test_id("amount")).to_have_text("Rp 75.000")
    order_id = page.get_by_test_id("order-id").inner_text()
    donation = Donation.objects.get(order_id=order_id)
    assert (donation.amount, donation.name, donation.message) == (75_000, NAME, PRAYER)

    # The thank-you page: it turns to thanks by itself, and invites sharing.
    page.get_by_test_id("method-qris").click()
    page.get_by_test_id("pay-now").click()
    expect(page.get_by_test_id("result")).to_have_attribute("data-status", "settlement")
    page.get_by_test_id("back-to-merchant").click()
    expect(page).to_have_url(re.compile(re.escape(f"/donasi/{order_id}/")))
    expect(page.locator("#donation-status h1")).to_contain_text("Terima kasih", timeout=15_000)
    expect(page.locator("#donation-status")).to_contain_text(f"“{PRAYER}”")
    expect(page.get_by_test_id("collected")).to_have_text("Rp 75.000", timeout=12_000)
    assert Donation.objects.get(order_id=order_id).status == DonationStatus.SETTLED
    whatsapp = page.get_by_test_id("share-whatsapp").get_attribute("href")
    text = parse_qs(urlsplit(whatsapp).query)["text"][0]
    assert "“Atap sekolah Desa Sukamaju”" in text
    assert text.endswith(f"/kampanye/{campaign.slug}/")
    copy = page.get_by_test_id("share-copy")
    expect(copy).to_be_visible()
    copy.click()
    expect(copy).to_have_text("Tersalin")
    assert page.evaluate("navigator.clipboard.readText()") == campaign.public_url
    shot(page, "thank-you", full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})
    shot(page, "thank-you-desktop", full_page=True)


def test_a_disaster_campaign_form_says_no_fee_whatever_the_amount(page):
    campaign = CampaignFactory(category="bencana-alam")
    page.goto(f"/kampanye/{campaign.slug}/donasi/")
    fee = page.get_by_test_id("fee-line")
    expect(fee).to_have_text(re.compile(r"^Tanpa biaya platform"))
    page.get_by_test_id("preset-50000").click()
    page.get_by_label("Nominal donasi (Rp)").press_sequentially("1")
    expect(fee).to_have_text(re.compile(r"^Tanpa biaya platform"))
