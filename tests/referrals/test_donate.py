"""Attribution through the real donation flow: a visitor opens a fundraiser link, browses, then
donates on the site; the donation credits the fundraiser once it settles."""

from __future__ import annotations

import pytest
import requests

from gotong.donations.models import Donation, DonationStatus
from gotong.referrals.selectors import referrers_top
from tests import midtrans
from tests.factories import CampaignFactory, UserFactory
from tests.referrals.helpers import code_of


@pytest.fixture
def no_gateway(monkeypatch):
    monkeypatch.setattr(
        "gotong.payments.checkout.payment_start",
        lambda *, donation, save_card=False: f"https://gateway.invalid/pay/{donation.order_id}",
    )


def donate(client, campaign, **data):
    response = client.post(
        f"/kampanye/{campaign.slug}/donasi/", {"amount": "50000", "name": "Rina", **data}
    )
    assert response.status_code == 302, response.content.decode()
    return Donation.objects.latest("id")


@pytest.mark.django_db
def test_a_donation_after_a_link_and_some_browsing_credits_the_fundraiser(client, no_gateway):
    fundraiser = UserFactory(display_name="Ani")
    campaign, other = CampaignFactory(), CampaignFactory()
    client.get(f"/kampanye/{campaign.slug}/?ref={code_of(fundraiser)}")
    client.get("/")
    client.get(f"/kampanye/{other.slug}/")
    client.get(f"/kampanye/{campaign.slug}/")
    assert donate(client, campaign).referrer == fundraiser
    # The link was for `campaign`: a gift to another campaign credits nobody.
    assert donate(client, other).referrer is None


@pytest.mark.django_db
def test_without_a_link_nobody_is_credited(client, no_gateway):
    assert donate(client, CampaignFactory()).referrer is None


@pytest.mark.django_db
def test_the_fundraiser_donating_through_their_own_link_is_not_credited(client, no_gateway):
    fundraiser = UserFactory()
    campaign = CampaignFactory()
    client.force_login(fundraiser)
    client.get(f"/kampanye/{campaign.slug}/?ref={code_of(fundraiser)}")
    assert donate(client, campaign).referrer is None


@pytest.mark.django_db
def test_a_link_from_a_deactivated_account_credits_nobody(client, no_gateway):
    fundraiser = UserFactory()
    campaign = CampaignFactory()
    client.get(f"/kampanye/{campaign.slug}/?ref={code_of(fundraiser)}")
    fundraiser.is_active = False
    fundraiser.save()
    assert donate(client, campaign).referrer is None


@pytest.mark.django_db(transaction=True)
def test_attribution_end_to_end_through_the_sandbox(live_gateway):
    fundraiser = UserFactory(display_name="Ani Penggalang")
    campaign, other = CampaignFactory(), CampaignFactory()
    base = live_gateway.url
    visitor = requests.Session()
    visitor.get(f"{base}/kampanye/{campaign.slug}/?ref={code_of(fundraiser)}", timeout=10)
    visitor.get(f"{base}/", timeout=10)
    visitor.get(f"{base}/kampanye/{other.slug}/", timeout=10)
    form = visitor.get(f"{base}/kampanye/{campaign.slug}/donasi/", timeout=10)
    response = visitor.post(
        form.url,
        data={
            "amount": "75000",
            "name": "Rina",
            "csrfmiddlewaretoken": visitor.cookies["csrftoken"],
        },
        headers={"Referer": form.url},
        allow_redirects=False,
        timeout=30,
    )
    assert response.status_code == 302
    assert response.headers["Location"].startswith(f"{base}/sandbox/midtrans/pay/")
    donation = Donation.objects.get()
    assert donation.referrer == fundraiser
    assert referrers_top(campaign=campaign) == []  # pending counts for nobody yet
    requests.post(
        f"{base}/payments/midtrans/notification",
        data=midtrans.body(midtrans.notification(donation.order_id, 75_000)),
        headers={"Content-Type": "application/json"},
        timeout=10,
    )
    donation.refresh_from_db()
    assert donation.status == DonationStatus.SETTLED
    assert referrers_top(campaign=campaign) == [("Ani Penggalang", 75_000, 1)]
    page = requests.get(f"{base}/kampanye/{campaign.slug}/", timeout=10).text
    assert "Penggalang teratas" in page
    assert "Ani Penggalang" in page
