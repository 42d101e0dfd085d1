"""The OpenAPI schema's paths and operation ids: clients generated from it depend on them."""

from __future__ import annotations

from django.urls import reverse

OPERATIONS = {
    ("get", "/api/v1/campaigns"): "gotong_api_urls_campaigns_list",
    ("get", "/api/v1/campaigns/{slug}"): "gotong_api_urls_campaign_detail",
    ("post", "/api/v1/campaigns/{slug}/donations"): "gotong_api_urls_donation_create",
    ("get", "/api/v1/campaigns/{slug}/donations"): "gotong_api_urls_campaign_donations",
    ("get", "/api/v1/campaigns/{slug}/referrers"): "gotong_api_urls_campaign_referrers",
    ("post", "/api/v1/campaigns/{slug}/plans"): "gotong_api_urls_plan_create",
    ("get", "/api/v1/donations/{order_id}"): "gotong_api_urls_donation_status",
    ("get", "/api/v1/needs"): "needs_list",
    ("post", "/api/v1/needs"): "need_create",
    ("get", "/api/v1/needs/{need_id}"): "need_get",
    ("post", "/api/v1/needs/{need_id}/pledges"): "need_pledge_create",
    ("get", "/api/v1/offers"): "offers_list",
    ("get", "/api/v1/info"): "info_list",
    ("get", "/api/v1/info/{info_id}"): "info_get",
    ("get", "/api/v1/regions"): "regions_list",
    ("get", "/api/v1/regions/{code}"): "region_get",
    ("get", "/api/v1/stats/flows"): "stats_flows",
    ("get", "/api/v1/stats/in-kind"): "stats_in_kind",
}


def test_every_operation_keeps_its_path_and_id(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    found = {
        (method, path): operation["operationId"]
        for path, operations in paths.items()
        for method, operation in operations.items()
    }
    assert found == OPERATIONS


def test_every_operation_keeps_its_url_name():
    assert reverse("api:campaigns_list") == "/api/v1/campaigns"
    assert reverse("api:campaign_detail", kwargs={"slug": "s"}) == "/api/v1/campaigns/s"
    donations = "/api/v1/campaigns/s/donations"
    assert reverse("api:donation_create", kwargs={"slug": "s"}) == donations
    assert reverse("api:campaign_donations", kwargs={"slug": "s"}) == donations
    assert (
        reverse("api:campaign_referrers", kwargs={"slug": "s"}) == "/api/v1/campaigns/s/referrers"
    )
    assert reverse("api:donation_status", kwargs={"order_id": "o"}) == "/api/v1/donations/o"
    assert reverse("api:regions_list") == "/api/v1/regions"
    assert reverse("api:region_get", kwargs={"code": "73.71"}) == "/api/v1/regions/73.71"
    assert reverse("api:openapi-json") == "/api/v1/openapi.json"
    assert reverse("api:openapi-view") == "/api/v1/docs"
