"""The campaign page on a phone (390 px): the fixed "Donasi sekarang" bar never hides the ledger
link or the end of the page, and "Aamiin" updates its count in place."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from gotong.donations.models import Amen
from gotong.donations.transitions import DonationEvent
from gotong.payments.services import donation_event_apply
from tests.factories import CampaignFactory, DonationFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def overlaps(a: dict, b: dict) -> bool:
    return not (
        a["y"] + a["height"] <= b["y"]
        or b["y"] + b["height"] <= a["y"]
        or a["x"] + a["width"] <= b["x"]
        or b["x"] + b["width"] <= a["x"]
    )


def test_the_donate_bar_covers_neither_the_ledger_link_nor_the_page_end(new_context, shot):
    campaign = CampaignFactory()
    for n in range(6):
        donation = DonationFactory(campaign=campaign, name=f"Donatur {n}", message=f"Doa {n}")
        donation_event_apply(donation=donation, event=DonationEvent.PAID)
    page = new_context().new_page()
    page.goto(campaign.get_absolute_url())
    bar = page.locator(".cta")
    ledger = page.get_by_role("link", name="Lihat buku besar publik")
    expect(bar).to_be_visible()
    shot(page, "top")

    ledger.evaluate("link => link.scrollIntoView({block: 'center'})")
    link_box, bar_box = ledger.bounding_box(), bar.bounding_box()
    assert not overlaps(link_box, bar_box)
    centre = (link_box["x"] + link_box["width"] / 2, link_box["y"] + link_box["height"] / 2)
    assert ledger.evaluate(
        "(link, [x, y]) => link.contains(document.elementFromPoint(x, y))", centre
    )

    page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
    bar_box = bar.bounding_box()
    assert bar_box["y"] + bar_box["height"] == pytest.approx(844, abs=1)  # fixed to the bottom
    last = page.locator("footer.foot p").last.bounding_box()
    assert last["y"] + last["height"] <= bar_box["y"]
    shot(page, "end")


def test_aamiin_updates_the_count_in_place(new_context, shot):
    campaign = CampaignFactory()
    donation = DonationFactory(campaign=campaign, message="Semoga lekas pulih.")
    donation_event_apply(donation=donation, event=DonationEvent.PAID)
    page = new_context().new_page()
    page.goto(campaign.get_absolute_url())
    card = page.get_by_test_id("prayer-card")
    count = card.get_by_test_id("amen-count")
    expect(count).to_have_text("0 orang mengaminkan doa ini")
    card.get_by_test_id("amen-button").click()
    expect(count).to_have_text("1 orang mengaminkan doa ini")
    expect(card.get_by_test_id("amen-button")).to_have_attribute("aria-pressed", "true")
    assert page.url.endswith(campaign.get_absolute_url())  # no navigation
    shot(page, "amen")
    assert Amen.objects.filter(donation=donation).count() == 1

    other = new_context(java_script_enabled=False).new_page()  # another browser, no script
    other.goto(campaign.get_absolute_url())
    other.get_by_test_id("amen-button").click()
    expect(other.get_by_text("Aamiin Anda tercatat.")).to_be_visible()
    expect(other.get_by_test_id("amen-count")).to_have_text("2 orang mengaminkan doa ini")
