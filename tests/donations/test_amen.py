"""Aamiin under donors' prayers: once per signed-in user, once per browser for guests, counted
on the campaign page; a plain POST form without JavaScript, JSON for amen.js; bad ids refused."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from gotong.donations.models import Amen
from gotong.donations.prayers import PrayerNotFound, prayer_amen
from gotong.donations.transitions import DonationEvent
from gotong.payments.services import donation_event_apply
from tests.factories import CampaignFactory, DonationFactory, UserFactory

pytestmark = pytest.mark.django_db

JSON = {"HTTP_ACCEPT": "application/json"}


@pytest.fixture
def prayer():
    donation = DonationFactory(message="Semoga lekas sembuh, Pak.")
    donation_event_apply(donation=donation, event=DonationEvent.PAID)
    return donation


def amen_url(donation, pk=None) -> str:
    return f"/kampanye/{donation.campaign.slug}/doa/{pk or donation.pk}/aamiin/"


def count_text(client, donation) -> str:
    page = client.get(donation.campaign.get_absolute_url()).content.decode()
    card = page[page.index(f'id="doa-{donation.pk}"') :]
    return re.search(r'data-testid="amen-count"[^>]*>([^<]*)<', card).group(1)


def test_a_signed_in_user_says_aamiin_once(client, prayer):
    user = UserFactory()
    client.force_login(user)
    first = client.post(amen_url(prayer))
    assert first.status_code == 302
    assert first["Location"] == f"{prayer.campaign.get_absolute_url()}#doa-{prayer.pk}"
    page = client.get(first["Location"]).content.decode()
    assert "Aamiin Anda tercatat." in page  # the no-JS path's message
    assert 'aria-pressed="true" disabled' in page
    client.post(amen_url(prayer))
    assert Amen.objects.filter(donation=prayer).count() == 1
    assert count_text(client, prayer) == "1 orang mengaminkan doa ini"


def test_a_guest_says_aamiin_once_per_browser(prayer, settings):
    settings.PAGE_CACHE_SECONDS = 0
    browser = Client()
    browser.post(amen_url(prayer))
    assert "gotong_amen" in browser.cookies
    browser.post(amen_url(prayer))
    assert Amen.objects.filter(donation=prayer).count() == 1
    Client().post(amen_url(prayer))  # another browser
    assert count_text(Client(), prayer) == "2 orang mengaminkan doa ini"


def test_a_forged_browser_cookie_is_a_new_browser(client, prayer):
    client.post(amen_url(prayer))
    client.cookies["gotong_amen"] = "0" * 32  # unsigned: not ours
    client.post(amen_url(prayer))
    assert Amen.objects.filter(donation=prayer).count() == 2
    assert Amen.objects.filter(browser_id="0" * 32).count() == 0


def test_fetch_gets_the_new_count_as_json(client, prayer):
    answer = client.post(amen_url(prayer), **JSON)
    assert answer.status_code == 200
    assert answer.json() == {"count": 1, "label": "1 orang mengaminkan doa ini", "amened": True}
    assert client.post(amen_url(prayer), **JSON).json()["count"] == 1


@pytest.mark.parametrize("case", ["missing", "no_message", "pending", "other_campaign"])
def test_bad_ids_are_refused_cleanly(client, prayer, case):
    silent = DonationFactory(campaign=prayer.campaign, message="")
    donation_event_apply(donation=silent, event=DonationEvent.PAID)
    pending = DonationFactory(campaign=prayer.campaign, message="Belum dibayar")
    url = {
        "missing": amen_url(prayer, pk=999_999),
        "no_message": amen_url(silent),
        "pending": amen_url(pending),
        "other_campaign": f"/kampanye/{CampaignFactory().slug}/doa/{prayer.pk}/aamiin/",
    }[case]
    assert client.post(url).status_code == 404
    answer = client.post(url, **JSON)
    assert answer.status_code == 404
    assert answer.json() == {"error": "not_found", "message": "Doa ini tidak ditemukan."}
    assert not Amen.objects.exists()


def test_only_post_and_only_integer_ids(client, prayer):
    assert client.get(amen_url(prayer)).status_code == 405
    assert client.post(f"/kampanye/{prayer.campaign.slug}/doa/abc/aamiin/").status_code == 404
    assert client.post("/kampanye/tidak-ada/doa/1/aamiin/", **JSON).status_code == 404


def test_the_service_counts_users_and_browsers_apart(prayer):
    user = UserFactory()
    campaign = prayer.campaign
    assert prayer_amen(campaign=campaign, donation_id=prayer.pk, user=user, browser_id="").added
    again = prayer_amen(campaign=campaign, donation_id=prayer.pk, user=user, browser_id="")
    assert (again.count, again.added) == (1, False)
    guest = prayer_amen(campaign=campaign, donation_id=prayer.pk, user=None, browser_id="b" * 32)
    assert (guest.count, guest.added) == (2, True)
    with pytest.raises(PrayerNotFound):
        prayer_amen(campaign=CampaignFactory(), donation_id=prayer.pk, user=user, browser_id="")
    with pytest.raises(ValueError, match="browser id"):
        prayer_amen(campaign=campaign, donation_id=prayer.pk, user=None, browser_id="")


def test_a_cached_campaign_page_gives_each_guest_their_own_csrf_token(prayer, settings):
    """The anonymous page cache serves one page to every guest: its Aamiin form must still post
    for each of them (the token is filled in per visitor)."""
    settings.PAGE_CACHE_SECONDS = 60
    url = prayer.campaign.get_absolute_url()
    first = Client(enforce_csrf_checks=True)
    assert first.get(url)["X-Page-Cache"] == "miss"
    guest = Client(enforce_csrf_checks=True)
    page = guest.get(url)
    assert page["X-Page-Cache"] == "hit"
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode())
    assert token is not None
    assert guest.post(amen_url(prayer), {"csrfmiddlewaretoken": token.group(1)}).status_code == 302
    assert Client(enforce_csrf_checks=True).post(amen_url(prayer)).status_code == 403
    assert Amen.objects.filter(donation=prayer).count() == 1
