"""The campaign page's parts every viewer sees alike are kept in fragments (decision 40): a
render that finds them is the same page in fewer queries; a donation, a kabar terbaru, a
staff decision or an Aamiin shows on the next render; no one's own buttons, forms, CSRF token
or Aamiin reach anyone else."""

from __future__ import annotations

import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from gotong.donations.models import Amen
from gotong.info.links import info_link_add
from gotong.updates.services import update_post
from gotong.verification.models import CampaignerVerification
from gotong.verification.services import verification_decide
from tests.factories import CampaignFactory, DonationFactory, UserFactory, staff_with_role
from tests.info.conftest import post
from tests.transparency.helpers import settle

pytestmark = pytest.mark.django_db
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]*)"')
UPDATE = "Operasi berjalan lancar, terima kasih atas doa dan donasinya."


@pytest.fixture(autouse=True)
def _fragments_on(settings):
    settings.PAGE_CACHE_SECONDS = 60


@pytest.fixture
def campaign():
    campaign = CampaignFactory(title="Operasi jantung Bu Sri")
    for n in range(3):
        settle(DonationFactory(campaign=campaign, amount=50_000, message=f"Semoga sehat {n}"))
    return campaign


def guest() -> Client:
    """A visitor who is not signed in but has a session: never served by the page cache."""
    browser = Client()
    browser.cookies["sessionid"] = "x" * 32
    return browser


def page(browser: Client, campaign) -> str:
    response = browser.get(campaign.get_absolute_url())
    assert response.status_code == 200
    assert "X-Page-Cache" not in response
    return response.content.decode()


def tokens(html: str) -> set[str]:
    return set(TOKEN.findall(html))


@pytest.mark.parametrize("viewer", ["guest", "someone", "owner"])
def test_a_render_from_the_fragments_is_the_page_rendered_afresh(campaign, settings, viewer):
    browser = guest()
    if viewer != "guest":
        browser.force_login(campaign.owner if viewer == "owner" else UserFactory())
    settings.PAGE_CACHE_SECONDS = 0
    fresh = page(browser, campaign)
    settings.PAGE_CACHE_SECONDS = 60
    page(browser, campaign)
    kept = page(browser, campaign)
    assert TOKEN.sub("", kept) == TOKEN.sub("", fresh)
    assert "Semoga sehat 2" in kept


def test_a_render_from_the_fragments_takes_the_campaign_and_the_newest_aamiin(campaign):
    page(guest(), campaign)
    with CaptureQueriesContext(connection) as queries:
        page(guest(), campaign)
    assert len(queries) == 3  # the session, the campaign with its validator, the newest Aamiin


def test_each_guest_gets_their_own_token_in_the_kept_prayers(campaign):
    first, second = guest(), Client(enforce_csrf_checks=True)
    second.cookies["sessionid"] = "y" * 32
    mine, theirs = tokens(page(first, campaign)), tokens(page(second, campaign))
    assert len(mine) == len(theirs) == 1
    assert "" not in theirs
    assert mine != theirs
    prayer = campaign.donations.exclude(message="").first()
    amen = f"{campaign.get_absolute_url()}doa/{prayer.pk}/aamiin/"
    assert second.post(amen, {"csrfmiddlewaretoken": theirs.pop()}).status_code == 302


def test_a_donation_a_kabar_a_staff_decision_and_an_aamiin_show_on_the_next_render(campaign):
    browser = guest()
    before = page(browser, campaign)
    settle(DonationFactory(campaign=campaign, amount=1_234_000, name="Pak Darmawan"))
    html = page(browser, campaign)
    assert "Pak Darmawan" in html
    assert "Pak Darmawan" not in before
    update_post(campaign=campaign, actor=campaign.owner, title="Kabar operasi", body=UPDATE)
    assert "Kabar operasi" in page(browser, campaign)
    kyc = CampaignerVerification.objects.create(
        user=campaign.owner, phone="081234567890", submitted_at=timezone.now()
    )
    assert 'data-testid="verified-badge"' not in page(browser, campaign)
    verification_decide(
        verification=kyc, actor=staff_with_role("moderator"), approve=True, reason=""
    )
    assert 'data-testid="verified-badge"' in page(browser, campaign)
    prayer = campaign.donations.exclude(message="").first()
    Amen.objects.create(donation=prayer, browser_id="b" * 32)
    assert "1 orang mengaminkan doa ini" in page(browser, campaign)


@pytest.mark.usefixtures("makassar")  # the region of the linked help information
def test_own_buttons_forms_and_aamiin_stay_with_their_owner(campaign, client):
    info_link_add(actor=campaign.owner, reference=str(post().pk), campaign=campaign)
    prayer = campaign.donations.exclude(message="").first()
    believer = UserFactory()
    Amen.objects.create(donation=prayer, user=believer)
    owner = Client()
    owner.force_login(campaign.owner)
    for _ in range(2):  # the owner first, then a guest, each twice: kept parts are shared
        mine = page(owner, campaign)
        theirs = page(guest(), campaign)
        assert 'data-testid="info-unlink"' in mine
        assert 'data-testid="info-unlink"' not in theirs
        assert 'data-testid="info-link"' in theirs
        assert "Tulis kabar" in mine
        assert "Tulis kabar" not in theirs
        assert 'aria-pressed="true"' not in theirs
    client.force_login(believer)
    assert 'aria-pressed="true" disabled' in page(client, campaign)
    cache.clear()
    page(client, campaign)  # the believer fills the shared parts now
    assert 'aria-pressed="true"' not in page(guest(), campaign)
    assert "Keluar" not in page(guest(), campaign)
