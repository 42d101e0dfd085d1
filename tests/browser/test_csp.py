"""The real Content-Security-Policy (no inline scripts or styles, decision 29) in Chromium: the
public pages, a donation through the sandbox to the thank-you page, the API docs and the
fundraiser-link page load and work without a single violation."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from gotong.donations.models import Donation, DonationStatus
from tests.browser.test_referral_flow import person
from tests.factories import CampaignFactory
from tests.info.conftest import post
from tests.inkind.conftest import need_open

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Every violation is reported to the page as an event (and logged by Chromium to the console).
LISTEN = """document.addEventListener("securitypolicyviolation", (e) => {
  const where = `${e.sourceFile}:${e.lineNumber}`;
  console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI} ${where}`);
});"""


@pytest.fixture
def watched(new_context: Callable[..., BrowserContext]) -> tuple[Page, list[str]]:
    context = new_context()
    context.add_init_script(LISTEN)
    violations: list[str] = []

    def on_console(message) -> None:
        text = message.text
        if "CSP violation" in text or "Content Security Policy" in text:
            violations.append(f"{context.pages[0].url}: {text}")

    context.on("console", on_console)
    return context.new_page(), violations


def test_public_pages_and_a_donation_run_under_the_policy(watched, tallo, moderator, shot):
    page, violations = watched
    campaign = CampaignFactory(title="Sumur bersih untuk Desa Sukamaju", target=100_000)
    need, info = need_open(moderator), post()
    for path in ("/", "/kampanye/", f"/kebutuhan/{need.pk}/", "/kebutuhan/", f"/info/{info.pk}/"):
        response = page.goto(path)
        assert response is not None
        assert "'unsafe-inline'" not in response.headers["content-security-policy"]
    page.goto(f"/kampanye/{campaign.slug}/")
    bar = page.locator("[role=progressbar]").first
    expect(bar).to_have_accessible_name(re.compile(r"0% dari target terkumpul"))
    page.wait_for_timeout(2_500)  # the live total polls through htmx (every second here)

    page.get_by_test_id("donate-button").click()
    page.get_by_label("Nominal donasi (Rp)").fill("50.000")
    page.get_by_label("Nama", exact=True).fill("Rina")
    page.get_by_test_id("pay-button").click()  # the answer redirects to Snap: form-action
    expect(page).to_have_url(re.compile(r"/sandbox/midtrans/pay/[0-9a-f-]{36}/$"))
    page.get_by_test_id("method-qris").click()
    expect(page.get_by_test_id("qris-code")).to_be_visible()
    page.get_by_test_id("pay-now").click()
    page.get_by_test_id("back-to-merchant").click()
    expect(page.locator("#donation-status h1")).to_contain_text("Terima kasih", timeout=15_000)
    assert Donation.objects.get().status == DonationStatus.SETTLED

    # Half the target raised: the bar is half full, drawn by a class, not a style attribute.
    page.goto(f"/kampanye/{campaign.slug}/")
    expect(bar).to_have_accessible_name(re.compile(r"50% dari target terkumpul"))
    fill = bar.locator("span")
    expect(fill).to_have_class("w-50")
    assert fill.get_attribute("style") is None
    width = fill.evaluate("el => el.getBoundingClientRect().width / el.parentElement.clientWidth")
    assert width == pytest.approx(0.5, abs=0.02)
    shot(page, "campaign-after-donation")
    assert violations == []


def test_api_docs_and_the_fundraiser_link_page_run_under_the_policy(watched):
    page, violations = watched
    page.goto("/api/v1/docs")
    expect(page.locator(".opblock").first).to_be_visible()
    page.locator(".opblock-summary").first.click()
    expect(page.get_by_role("button", name="Try it out").first).to_be_visible()

    ani = person("ani.wijaya@contoh.id", "Ani Wijaya")
    campaign = CampaignFactory()
    page.goto("/akun/login/")
    page.locator("main input[name=login]").fill(ani.email)
    page.locator("main input[name=password]").fill("sandi-rahasia-123")
    page.locator("main button[type=submit]").click()
    page.goto(f"/kampanye/{campaign.slug}/tautan-saya/")
    page.get_by_test_id("referral-create").click()
    expect(page.get_by_test_id("referral-copy")).to_be_visible()  # copy.js, not inline
    assert violations == []
