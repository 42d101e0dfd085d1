"""A personal fundraiser link end to end: Ani gets her link to a campaign; a new visitor opens it,
browses the home page and another campaign, comes back, donates through the sandbox QRIS
payment; the campaign page then shows Ani under "Penggalang teratas", her dashboard shows what
her link raised, and the API gives the campaign owner the per-referrer totals."""

from __future__ import annotations

import re

import pytest
from allauth.account.models import EmailAddress
from playwright.sync_api import expect

from gotong.accounts.models import User
from gotong.donations.models import Donation, DonationStatus
from gotong.referrals.models import ReferralCode
from tests.browser.people import log_in
from tests.factories import CampaignFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "sandi-rahasia-123"  # UserFactory's password
FUNDRAISER = "Ani Wijaya"
DONOR = "Rina Wulandari"


def person(email: str, display_name: str) -> User:
    user = UserFactory(email=email, display_name=display_name)
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


def test_a_fundraiser_link_credits_the_donation_it_brought(new_context, shot):
    owner = person("pemilik@contoh.id", "Komunitas Sumur Bersih")
    ani = person("ani.wijaya@contoh.id", FUNDRAISER)
    campaign = CampaignFactory(owner=owner, title="Sumur bersih untuk Desa Sukamaju")
    other = CampaignFactory(title="Buku untuk sekolah di pesisir")
    campaign_path = f"/kampanye/{campaign.slug}/"

    # Ani finds the campaign signed out; the button asks her to sign in first, then comes back.
    page = new_context().new_page()
    page.goto(campaign_path)
    page.get_by_test_id("referral-get").click()
    expect(page).to_have_url(re.compile(r"/akun/login/\?next="))
    log_in(page, ani.email, PASSWORD)
    expect(page).to_have_url(re.compile(re.escape(f"{campaign_path}tautan-saya/") + "$"))
    page.get_by_test_id("referral-create").click()
    expect(page.get_by_role("status")).to_contain_text("siap dibagikan")
    link = page.get_by_test_id("referral-url").input_value()
    code = ReferralCode.objects.get(user=ani).code
    assert re.fullmatch(re.escape(f"{campaign.public_url}?ref=") + "[a-z2-9]{8}", link)
    assert link.endswith(f"?ref={code}")
    expect(page.get_by_test_id("referral-copy")).to_be_visible()  # the clipboard API exists
    expect(page.get_by_test_id("referral-whatsapp")).to_have_attribute(
        "href", re.compile(r"^https://wa\.me/\?text=")
    )
    expect(page.get_by_test_id("referral-raised")).to_contain_text("Belum ada donasi")
    shot(page, "fundraiser-link-page")

    # Signed in, the campaign page offers the button as a form (one click, no login detour).
    page.goto(campaign_path)
    button = page.get_by_test_id("referral-get")
    expect(button).to_have_js_property("tagName", "BUTTON")
    button.scroll_into_view_if_needed()
    shot(page, "campaign-page-link-button")

    # A new visitor opens Ani's link: the signed, HttpOnly cookie remembers it.
    visitor = new_context().new_page()
    visitor.goto(link)  # absolute: PUBLIC_BASE_URL is the live server
    expect(visitor.get_by_role("heading", level=1)).to_have_text(campaign.title)
    expect(visitor.get_by_test_id("top-fundraisers")).to_have_count(0)
    cookie = next(c for c in visitor.context.cookies() if c["name"] == "gotong_ref")
    assert cookie["httpOnly"] is True
    assert cookie["sameSite"] == "Lax"
    assert code not in cookie["value"]
    shot(visitor, "visitor-opens-link")

    # They wander: the home page, another campaign, then back to the first from the home page.
    visitor.get_by_role("link", name="Gotong", exact=True).click()
    expect(visitor).to_have_url(re.compile(r"/$"))
    visitor.locator("article.card", has_text=other.title).get_by_role("link").click()
    expect(visitor.get_by_role("heading", level=1)).to_have_text(other.title)
    visitor.goto("/")
    visitor.locator("article.card", has_text=campaign.title).get_by_role("link").click()
    expect(visitor).to_have_url(re.compile(re.escape(campaign_path) + "$"))

    # They donate 50.000 through the sandbox's QRIS.
    visitor.get_by_test_id("donate-button").click()
    visitor.get_by_label("Nominal donasi (Rp)").fill("50.000")
    visitor.get_by_label("Nama", exact=True).fill(DONOR)
    visitor.get_by_test_id("pay-button").click()
    expect(visitor).to_have_url(re.compile(r"/sandbox/midtrans/pay/[0-9a-f-]{36}/$"))
    order_id = visitor.get_by_test_id("order-id").inner_text()
    visitor.get_by_test_id("method-qris").click()
    expect(visitor.get_by_test_id("qris-code")).to_be_visible()
    visitor.get_by_test_id("pay-now").click()
    expect(visitor.get_by_test_id("result")).to_have_attribute("data-status", "settlement")
    visitor.get_by_test_id("back-to-merchant").click()
    expect(visitor.locator("#donation-status h1")).to_contain_text("Terima kasih", timeout=15_000)
    donation = Donation.objects.get(order_id=order_id)
    assert (donation.status, donation.referrer_id) == (DonationStatus.SETTLED, ani.pk)

    # The campaign page now shows Ani among the top fundraisers, by name, with the amount.
    visitor.goto(campaign_path)
    fundraisers = visitor.get_by_test_id("top-fundraisers")
    expect(fundraisers).to_contain_text("Penggalang teratas")
    entry = fundraisers.locator("li", has_text=FUNDRAISER)
    expect(entry).to_contain_text("Rp 50.000")
    expect(entry).to_contain_text("1 donasi")
    expect(fundraisers).not_to_contain_text(ani.email)
    fundraisers.scroll_into_view_if_needed()
    shot(visitor, "campaign-page-top-fundraisers")

    # Ani's dashboard and her link page show what the link raised.
    page.goto("/dasbor/")
    totals = page.get_by_test_id("referral-totals")
    expect(totals).to_contain_text("Tautan Anda menghasilkan")
    row = totals.locator("tr", has_text=campaign.title)
    expect(row).to_contain_text("Rp 50.000")
    expect(row.locator("td").nth(2)).to_have_text("1")
    totals.scroll_into_view_if_needed()
    shot(page, "fundraiser-dashboard")
    row.get_by_role("link").click()
    expect(page.get_by_test_id("referral-raised")).to_contain_text("Rp 50.000")

    # The API gives the totals to the owner (session cookie), and to nobody else.
    assert visitor.request.get(f"/api/v1/campaigns/{campaign.slug}/referrers").status == 401
    assert page.request.get(f"/api/v1/campaigns/{campaign.slug}/referrers").status == 403
    owner_page = new_context().new_page()
    owner_page.goto("/akun/login/")
    log_in(owner_page, owner.email, PASSWORD)
    expect(owner_page.get_by_test_id("account")).to_have_text("Dasbor")
    response = owner_page.request.get(f"/api/v1/campaigns/{campaign.slug}/referrers")
    assert response.status == 200
    assert response.json() == [{"name": FUNDRAISER, "total": 50_000, "donation_count": 1}]
