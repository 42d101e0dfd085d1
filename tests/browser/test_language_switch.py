"""Switching language in the browser: a campaign page in Indonesian, the footer's "English" link
to the same page under /en/, a donation made in English that comes back from the gateway to the
English thank-you page (and an English receipt email), then back to Indonesian."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from gotong.donations.models import Donation, DonationStatus
from tests.factories import CampaignFactory, DonationFactory
from tests.transparency.helpers import settle

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_footer_switches_language_and_a_donation_stays_english(page, shot):
    campaign = CampaignFactory(title="Sumur bor untuk Desa Oelbubuk", target=50_000_000)
    settle(DonationFactory(campaign=campaign, amount=1_250_000, email=""))
    path = f"/kampanye/{campaign.slug}/"

    page.goto(path)
    expect(page.locator("html")).to_have_attribute("lang", "id")
    expect(page.get_by_test_id("donate-button")).to_have_text("Donasi sekarang")
    expect(page.get_by_test_id("collected")).to_have_text("Rp 1.250.000")
    expect(page.locator("#progress")).to_contain_text("terkumpul dari target Rp 50.000.000")
    english = page.get_by_test_id("language-en")
    expect(english).to_have_text("English")
    expect(english).to_have_attribute("hreflang", "en")
    expect(english).to_have_attribute("lang", "en")
    english.scroll_into_view_if_needed()
    shot(page, "indonesian-footer-switcher")

    english.click()
    expect(page).to_have_url(re.compile(re.escape(f"/en{path}") + "$"))
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_have_text(campaign.title)
    expect(page.get_by_test_id("donate-button")).to_have_text("Donate now")
    expect(page.get_by_test_id("collected")).to_have_text("Rp 1,250,000")
    expect(page.locator("#progress")).to_contain_text("raised of the target Rp 50,000,000")
    expect(page.locator('link[rel="alternate"][hreflang="id"]')).to_have_attribute(
        "href", re.compile(re.escape(path) + "$")
    )
    expect(page.locator('link[rel="canonical"]')).to_have_attribute(
        "href", re.compile(re.escape(f"/en{path}") + "$")
    )
    shot(page, "english-campaign-page")

    # A donation started in English, amount written the English way.
    page.get_by_test_id("donate-button").click()
    expect(page).to_have_url(re.compile(re.escape(f"/en{path}donasi/") + "$"))
    page.get_by_label("Donation amount (Rp)").fill("50,000")
    page.get_by_label("Name", exact=True).fill("Sarah Miller")
    page.get_by_label("Email (optional, for your receipt)").fill("sarah@example.com")
    shot(page, "english-donation-form")
    page.get_by_test_id("pay-button").click()
    expect(page).to_have_url(re.compile(r"/sandbox/midtrans/pay/[0-9a-f-]{36}/$"))
    order_id = page.get_by_test_id("order-id").inner_text()
    page.get_by_test_id("method-qris").click()
    page.get_by_test_id("pay-now").click()
    expect(page.get_by_test_id("result")).to_have_attribute("data-status", "settlement")

    # The gateway sends the donor back to the English finish page.
    page.get_by_test_id("back-to-merchant").click()
    expect(page).to_have_url(re.compile(re.escape(f"/en/donasi/{order_id}/")))
    expect(page.locator("#donation-status h1")).to_contain_text("Thank you", timeout=15_000)
    expect(page.locator("#donation-status")).to_contain_text("Rp 50,000")
    shot(page, "english-thank-you")
    donation = Donation.objects.get(order_id=order_id)
    assert (donation.status, donation.amount, donation.language) == (
        DonationStatus.SETTLED,
        50_000,
        "en",
    )
    receipt = next(m for m in mail.outbox if m.to == ["sarah@example.com"])
    assert receipt.subject.startswith("Thank you!")
    assert f"/en/kuitansi/{order_id}/" in receipt.body
    assert "Rp 50,000" in receipt.body
    assert "Lima puluh ribu rupiah" in receipt.body  # the amount in words stays Indonesian

    # Back to Indonesian from the footer: the same campaign page at the root.
    page.goto(f"/en{path}")
    indonesian = page.get_by_test_id("language-id")
    expect(indonesian).to_have_text("Bahasa Indonesia")
    indonesian.click()
    expect(page).to_have_url(re.compile(re.escape(path) + "$"))
    assert "/en/" not in page.url
    expect(page.locator("html")).to_have_attribute("lang", "id")
    expect(page.get_by_test_id("donate-button")).to_have_text("Donasi sekarang")
    expect(page.get_by_test_id("collected")).to_have_text("Rp 1.300.000")
    shot(page, "back-in-indonesian")
