"""JSON API v1, driven over real HTTP against a live server with the built-in sandbox."""

from __future__ import annotations

import pytest
import requests

from gotong.campaigns.models import CampaignStatus
from gotong.donations.models import Donation
from tests.factories import CampaignFactory

pytestmark = pytest.mark.django_db(transaction=True)


def api(live, path: str) -> str:
    return f"{live.url}/api/v1{path}"


def test_openapi_schema_lists_the_endpoints(live_gateway):
    schema = requests.get(api(live_gateway, "/openapi.json"), timeout=10).json()
    paths = schema["paths"]
    for path in (
        "/api/v1/campaigns",
        "/api/v1/campaigns/{slug}",
        "/api/v1/campaigns/{slug}/donations",
        "/api/v1/donations/{order_id}",
    ):
        assert path in paths


def test_campaign_list_is_published_only_filtered_and_paginated(live_gateway):
    for i in range(23):
        CampaignFactory(category="medis" if i % 2 else "pendidikan")
    CampaignFactory(status=CampaignStatus.DRAFT, published_at=None, category="medis")
    first = requests.get(api(live_gateway, "/campaigns"), timeout=10).json()
    assert first["count"] == 23
    assert len(first["items"]) == 20
    second = requests.get(api(live_gateway, "/campaigns?page=2"), timeout=10).json()
    assert len(second["items"]) == 3
    medis = requests.get(api(live_gateway, "/campaigns?category=medis"), timeout=10).json()
    assert medis["count"] == 11
    assert {c["category"] for c in medis["items"]} == {"medis"}
    bad = requests.get(api(live_gateway, "/campaigns?category=judi"), timeout=10)
    assert bad.status_code == 422


def test_campaign_detail_has_integer_amounts_and_url(live_gateway):
    campaign = CampaignFactory(target=50_000_000, collected=12_345_000, donor_count=7)
    body = requests.get(api(live_gateway, f"/campaigns/{campaign.slug}"), timeout=10).json()
    assert body["slug"] == campaign.slug
    assert (body["target"], body["collected"], body["donor_count"]) == (50_000_000, 12_345_000, 7)
    assert body["status"] == "published"
    assert body["url"] == f"{live_gateway.url}/kampanye/{campaign.slug}/"
    assert body["deadline"] == campaign.deadline.isoformat()
    draft = CampaignFactory(status=CampaignStatus.DRAFT, published_at=None)
    assert (
        requests.get(api(live_gateway, f"/campaigns/{draft.slug}"), timeout=10).status_code == 404
    )


def test_donation_create_then_settle_through_the_sandbox(live_gateway):
    campaign = CampaignFactory()
    response = requests.post(
        api(live_gateway, f"/campaigns/{campaign.slug}/donations"),
        json={
            "amount": 50_000,
            "name": "Siti",
            "email": "siti@contoh.id",
            "anonymous": True,
            "message": "Semoga lekas sembuh",
        },
        timeout=30,
    )
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["amount"] == 50_000
    assert body["status"] == "pending"
    assert body["payment_url"].startswith(f"{live_gateway.url}/sandbox/midtrans/pay/")
    order_id = body["order_id"]
    status = requests.get(api(live_gateway, f"/donations/{order_id}"), timeout=10).json()
    assert status == {"order_id": order_id, "amount": 50_000, "status": "pending"}

    simulate = requests.post(
        f"{live_gateway.url}/sandbox/midtrans/simulate/{order_id}",
        json={"payment_type": "qris", "transaction_status": "settlement"},
        timeout=30,
    )
    assert simulate.status_code == 200, simulate.text
    status = requests.get(api(live_gateway, f"/donations/{order_id}"), timeout=10).json()
    assert status["status"] == "settled"
    detail = requests.get(api(live_gateway, f"/campaigns/{campaign.slug}"), timeout=10).json()
    assert (detail["collected"], detail["donor_count"]) == (50_000, 1)
    assert (detail["fees"], detail["available"]) == (2_500, 47_500)
    donors = requests.get(api(live_gateway, f"/campaigns/{campaign.slug}/donations"), timeout=10)
    items = donors.json()["items"]
    assert items[0]["name"] == "Orang Baik"
    assert items[0]["amount"] == 50_000
    assert items[0]["message"] == "Semoga lekas sembuh"
    assert "siti@contoh.id" not in donors.text
    assert "email" not in items[0]


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"amount": 9_999, "name": "A"}, "amount"),
        ({"amount": 100_000_001, "name": "A"}, "amount"),
        ({"amount": "lima puluh", "name": "A"}, "amount"),
        ({"amount": 50_000, "name": ""}, "name"),
        ({"amount": 50_000, "name": "A", "email": "bukan-email"}, "email"),
        ({"amount": 50_000, "name": "A", "message": "x" * 501}, "message"),
        ({"name": "A"}, "amount"),
    ],
)
def test_invalid_donation_is_422_with_field_errors_and_creates_nothing(
    live_gateway, payload, field
):
    campaign = CampaignFactory()
    response = requests.post(
        api(live_gateway, f"/campaigns/{campaign.slug}/donations"), json=payload, timeout=10
    )
    assert response.status_code == 422
    assert field in response.json()["errors"]
    assert Donation.objects.count() == 0


def test_malformed_json_body_is_a_clean_error(live_gateway):
    campaign = CampaignFactory()
    response = requests.post(
        api(live_gateway, f"/campaigns/{campaign.slug}/donations"),
        data="{nope",
        headers={"Content-Type": "application/json"},
        timeout=10,
    )
    assert response.status_code in (400, 422)
    assert Donation.objects.count() == 0


def test_donation_to_a_closed_campaign_is_refused(live_gateway):
    campaign = CampaignFactory(status=CampaignStatus.ENDED)
    response = requests.post(
        api(live_gateway, f"/campaigns/{campaign.slug}/donations"),
        json={"amount": 50_000, "name": "A"},
        timeout=10,
    )
    assert response.status_code == 422
    assert Donation.objects.count() == 0


def test_unknown_donation_is_404(live_gateway):
    assert requests.get(api(live_gateway, "/donations/GTG-NOPE"), timeout=10).status_code == 404
