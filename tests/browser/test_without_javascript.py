"""The donation path works with JavaScript switched off: plain links, forms and redirects."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from gotong.donations.models import Donation, DonationStatus
from tests.factories import CampaignFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_donating_without_javascript(new_context, shot):
    campaign = CampaignFactory(target=50_000_000)
    context = new_context(java_script_enabled=False)
    page = context.new_page()

    page.goto("/")
    card = page.locator("article.card", has_text=campaign.title)
    expect(card).to_be_visible()
    card.get_by_role("link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(campaign.title)
    expect(page.get_by_test_id("collected")).to_have_text("Rp 0")
    shot(page, "campaign-page")

    # The amount tiles are radios: choosing one after typing the name loses nothing; the
    # typed-amount field steps aside and the chosen tile shows its fee.
    page.get_by_test_id("donate-button").click()
    page.get_by_label("Nama", exact=True).fill("Joko")
    page.get_by_test_id("preset-50000").click()
    expect(page.get_by_test_id("preset-50000").locator("input")).to_be_checked()
    expect(page.get_by_label("Nama", exact=True)).to_have_value("Joko")
    expect(page.get_by_label("Nominal donasi (Rp)")).to_be_hidden()
    expect(page.get_by_test_id("preset-50000")).to_contain_text("biaya platform Rp 2.500")
    shot(page, "donation-form")
    page.get_by_test_id("pay-button").click()

    # The sandbox page needs no script either: choose a method, then come back to pay later.
    expect(page).to_have_url(re.compile(r"/sandbox/midtrans/pay/[0-9a-f-]{36}/$"))
    order_id = page.get_by_test_id("order-id").inner_text()
    page.get_by_test_id("method-bank_transfer").click()
    expect(page.get_by_test_id("va-number")).to_have_text(re.compile(r"^\d{11}$"))
    shot(page, "sandbox-virtual-account")
    page.get_by_test_id("back-to-merchant-pending").click()
    expect(page).to_have_url(re.compile(re.escape(f"/donasi/{order_id}/")))
    expect(page.locator("#donation-status h1")).to_have_text("Menunggu pembayaran")
    shot(page, "finish-pending")

    # The donor pays in another tab (say, after the transfer); this tab cannot poll without JS.
    pay_tab = context.new_page()
    pay_tab.goto(page.get_by_role("link", name="Buka halaman pembayaran").get_attribute("href"))
    pay_tab.get_by_test_id("pay-now").click()
    expect(pay_tab.get_by_test_id("result")).to_have_attribute("data-status", "settlement")
    shot(pay_tab, "sandbox-paid")
    assert Donation.objects.get(order_id=order_id).status == DonationStatus.SETTLED
    expect(page.locator("#donation-status h1")).to_have_text("Menunggu pembayaran")

    page.reload()
    expect(page.locator("#donation-status h1")).to_contain_text("Terima kasih")
    expect(page.locator("#donation-status")).to_contain_text("Rp 50.000")
    shot(page, "finish-after-reload")

    page.get_by_test_id("back-to-campaign").click()
    expect(page.get_by_test_id("collected")).to_have_text("Rp 50.000")
    expect(page.get_by_test_id("donor-count")).to_have_text("1")
    expect(page.locator(".donors .donor", has_text="Joko")).to_contain_text("Rp 50.000")
