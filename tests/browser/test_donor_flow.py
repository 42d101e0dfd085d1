"""A donor gives through the browser: home → campaign → donate → sandbox QRIS → thank-you page,
while a second tab on the campaign page picks up the new total by itself (htmx polling)."""

from __future__ import annotations

import io
import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from gotong.campaigns.models import Campaign
from gotong.donations.models import Donation, DonationStatus
from tests.factories import CampaignFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DONOR_NAME = "Rina Wulandari"
DONOR_MESSAGE = "Semoga jembatannya cepat jadi."


def test_donor_flow_updates_an_open_campaign_page_live(page, shot):
    campaign = CampaignFactory(target=50_000_000)
    campaign_path = f"/kampanye/{campaign.slug}/"

    # Page A (a fresh context: a new visitor) finds the campaign on the home page and stays.
    page_a = page
    page_a.goto("/")
    card = page_a.locator("article.card", has_text=campaign.title)
    expect(card).to_be_visible()
    shot(page_a, "home-lists-campaign")
    card.get_by_role("link").click()
    expect(page_a).to_have_url(re.compile(re.escape(campaign_path) + "$"))
    expect(page_a.get_by_role("heading", level=1)).to_have_text(campaign.title)
    expect(page_a.locator("#progress")).to_contain_text("terkumpul dari target Rp 50.000.000")
    collected = page_a.get_by_test_id("collected")
    donor_count = page_a.get_by_test_id("donor-count")
    expect(collected).to_have_text("Rp 0")
    expect(donor_count).to_have_text("0")
    shot(page_a, "campaign-page-before")
    page_a.evaluate("window.__notReloaded = true")

    # Page B: a second tab donates 50.000 written the Indonesian way.
    page_b = page.context.new_page()
    page_b.goto(campaign_path)
    page_b.get_by_test_id("donate-button").click()
    expect(page_b).to_have_url(re.compile(re.escape(f"{campaign_path}donasi/") + "$"))
    page_b.get_by_label("Nominal donasi (Rp)").fill("50.000")
    page_b.get_by_label("Nama", exact=True).fill(DONOR_NAME)
    page_b.get_by_label("Doa dan dukungan (opsional)").fill(DONOR_MESSAGE)
    shot(page_b, "donation-form-filled")
    page_b.get_by_test_id("pay-button").click()

    # The sandbox payment page: QRIS, then pay.
    expect(page_b).to_have_url(re.compile(r"/sandbox/midtrans/pay/[0-9a-f-]{36}/$"))
    expect(page_b.get_by_test_id("amount")).to_have_text("Rp 50.000")
    order_id = page_b.get_by_test_id("order-id").inner_text()
    shot(page_b, "sandbox-choose-method")
    page_b.get_by_test_id("method-qris").click()
    expect(page_b.get_by_test_id("qris-code")).to_be_visible()
    shot(page_b, "sandbox-qris")
    page_b.get_by_test_id("pay-now").click()
    expect(page_b.get_by_test_id("result")).to_have_attribute("data-status", "settlement")
    shot(page_b, "sandbox-paid")

    # Back on Gotong: the finish page confirms (polling every 3 s while still pending).
    page_b.get_by_test_id("back-to-merchant").click()
    expect(page_b).to_have_url(re.compile(re.escape(f"/donasi/{order_id}/")))
    expect(page_b.locator("#donation-status h1")).to_contain_text("Terima kasih", timeout=15_000)
    expect(page_b.locator("#donation-status")).to_contain_text("Rp 50.000")
    shot(page_b, "finish-thank-you")

    # Page A was never reloaded: its progress fragment polls past its cache (1 s each here).
    expect(collected).to_have_text("Rp 50.000", timeout=12_000)
    expect(donor_count).to_have_text("1", timeout=12_000)
    assert page_a.evaluate("window.__notReloaded") is True
    shot(page_a, "campaign-page-updated-live")

    # The donor list and the prayers are rendered with the page: they show up after a reload.
    page_a.reload()
    donor = page_a.locator(".donors .donor", has_text=DONOR_NAME)
    expect(donor).to_have_count(1)
    expect(donor).to_contain_text("Rp 50.000")
    prayer = page_a.get_by_test_id("prayer-card").filter(has_text=DONOR_NAME)
    expect(prayer.locator(".prayer")).to_have_text(DONOR_MESSAGE)
    donor.scroll_into_view_if_needed()
    shot(page_a, "campaign-page-donor-list")

    donation = Donation.objects.get(order_id=order_id)
    assert donation.campaign_id == campaign.pk
    assert donation.status == DonationStatus.SETTLED
    assert (donation.amount, donation.name, donation.message) == (50_000, DONOR_NAME, DONOR_MESSAGE)
    assert donation.payment_type == "qris"
    campaign = Campaign.objects.get(pk=campaign.pk)
    assert (campaign.collected, campaign.donor_count) == (50_000, 1)
    out = io.StringIO()
    call_command("verify_ledger", stdout=out)
    assert "ledger OK" in out.getvalue()
