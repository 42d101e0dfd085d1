"""Who a donation started through the API belongs to: the signed-in donor (session cookie) and
the fundraiser whose link brought the browser (the `gotong_ref` cookie), as on the web form.
The payment starts in the built-in sandbox on a live server."""

from __future__ import annotations

import pytest

from gotong.donations.models import Donation
from tests.factories import CampaignFactory, UserFactory
from tests.referrals.helpers import code_of

pytestmark = pytest.mark.django_db(transaction=True)


def api_donate(client, campaign, **data) -> Donation:
    response = client.post(
        f"/api/v1/campaigns/{campaign.slug}/donations",
        {"amount": 50_000, "name": "Rina", **data},
        content_type="application/json",
    )
    assert response.status_code == 201, response.content.decode()
    return Donation.objects.get(order_id=response.json()["order_id"])


def web_donate(client, campaign, **data) -> Donation:
    response = client.post(
        f"/kampanye/{campaign.slug}/donasi/", {"amount": "50000", "name": "Rina", **data}
    )
    assert response.status_code == 302, response.content.decode()
    donation = Donation.objects.latest("id")
    assert response["Location"] == donation.payment_url
    return donation


def test_a_signed_in_api_donation_records_the_donor(client, live_gateway):
    donor = UserFactory()
    campaign = CampaignFactory()
    assert api_donate(client, campaign).donor is None
    client.force_login(donor)
    donation = api_donate(client, campaign)
    assert donation.donor == donor
    assert donation.payment_url.startswith(f"{live_gateway.url}/sandbox/midtrans/pay/")


def test_an_api_donation_from_a_browser_with_a_fundraiser_link_credits_the_fundraiser(
    client, live_gateway
):
    fundraiser = UserFactory()
    campaign, other = CampaignFactory(), CampaignFactory()
    client.get(f"/kampanye/{campaign.slug}/?ref={code_of(fundraiser)}")
    assert api_donate(client, campaign).referrer == fundraiser
    # The link was for `campaign`: a gift to another campaign credits nobody.
    assert api_donate(client, other).referrer is None


def test_the_fundraiser_giving_through_their_own_link_by_api_is_not_credited(client, live_gateway):
    fundraiser = UserFactory()
    campaign = CampaignFactory()
    client.force_login(fundraiser)
    client.get(f"/kampanye/{campaign.slug}/?ref={code_of(fundraiser)}")
    donation = api_donate(client, campaign)
    assert (donation.donor, donation.referrer) == (fundraiser, None)


def test_the_web_form_records_the_donor_and_the_fundraiser(client, live_gateway):
    donor, fundraiser = UserFactory(), UserFactory()
    campaign = CampaignFactory()
    client.force_login(donor)
    client.get(f"/kampanye/{campaign.slug}/?ref={code_of(fundraiser)}")
    donation = web_donate(client, campaign, message="Semoga lekas sembuh")
    assert (donation.donor, donation.referrer) == (donor, fundraiser)
    assert (donation.amount, donation.name, donation.message) == (
        50_000,
        "Rina",
        "Semoga lekas sembuh",
    )
    assert donation.payment_url.startswith(f"{live_gateway.url}/sandbox/midtrans/pay/")


@pytest.mark.django_db
def test_the_gateway_down_is_a_502_and_the_donation_stays_unpaid(client, settings):
    settings.MIDTRANS_SNAP_BASE_URL = "http://127.0.0.1:9"  # nothing listens on the discard port
    campaign = CampaignFactory()
    response = client.post(
        f"/api/v1/campaigns/{campaign.slug}/donations",
        {"amount": 50_000, "name": "Rina"},
        content_type="application/json",
    )
    assert response.status_code == 502
    assert response.json()["detail"]
    assert Donation.objects.get().payment_url == ""
