"""GET /api/v1/campaigns/<slug>/referrers: per-referrer totals, for the campaign owner only."""

from __future__ import annotations

import pytest

from gotong.campaigns.models import CampaignStatus
from tests.factories import CampaignFactory, UserFactory
from tests.referrals.helpers import referred

pytestmark = pytest.mark.django_db


def url(campaign) -> str:
    return f"/api/v1/campaigns/{campaign.slug}/referrers"


def test_the_owner_gets_every_referrer_s_settled_totals(client):
    campaign = CampaignFactory()
    ani = UserFactory(display_name="Ani", email="ani@contoh.id")
    referred(campaign=campaign, referrer=ani, amount=50_000)
    referred(campaign=campaign, referrer=ani, amount=25_000)
    referred(campaign=campaign, referrer=campaign.owner, amount=100_000)
    referred(campaign=campaign, referrer=ani, amount=500_000, settled=False)
    client.force_login(campaign.owner)
    response = client.get(url(campaign))
    assert response.status_code == 200
    assert response.json() == [
        {"name": campaign.owner.public_name, "total": 100_000, "donation_count": 1},
        {"name": "Ani", "total": 75_000, "donation_count": 2},
    ]
    assert "ani@contoh.id" not in response.content.decode()


def test_anonymous_callers_get_401_and_others_403(client):
    campaign = CampaignFactory()
    response = client.get(url(campaign))
    assert response.status_code == 401
    assert response.json()["detail"]
    client.force_login(UserFactory())
    response = client.get(url(campaign))
    assert response.status_code == 403
    assert response.json()["detail"]
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    assert client.get(url(campaign)).status_code == 403


def test_unknown_and_hidden_campaigns_are_404(client):
    client.force_login(UserFactory())
    assert client.get("/api/v1/campaigns/tidak-ada/referrers").status_code == 404
    draft = CampaignFactory(status=CampaignStatus.DRAFT, published_at=None)
    response = client.get(url(draft))
    assert response.status_code == 404
    assert response.json()["detail"]
    client.force_login(draft.owner)
    assert client.get(url(draft)).json() == []


def test_the_endpoint_is_in_the_schema(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert "get" in paths["/api/v1/campaigns/{slug}/referrers"]
