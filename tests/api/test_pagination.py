"""Page numbers on the API's lists: past the last page an empty page, never a server error;
a page number that is not a positive integer is a 422 in the API's error shape."""

from __future__ import annotations

import pytest

from gotong.search.services import search_index_update
from tests.factories import CampaignFactory, DonationFactory
from tests.transparency.helpers import settle

pytestmark = pytest.mark.django_db

# Far past the last page: its offset does not fit the 64-bit integer SQL takes (2**63 - 1).
HUGE = "100000000000000000000"


@pytest.fixture
def campaign():
    campaign = CampaignFactory(title="Banjir bandang di Garut")
    search_index_update(campaign=campaign)
    settle(DonationFactory(campaign=campaign))
    return campaign


# Every paginated list, each holding one item in these tests.
LISTS = {
    "campaigns": {},
    "search": {"q": "banjir"},
    "sorted": {"sort": "terbaru"},
    "search-sorted": {"q": "banjir", "sort": "donatur", "category": "kemanusiaan"},
    "donations": {},
}


def get(client, campaign, name: str, **params: str):
    path = (
        f"/api/v1/campaigns/{campaign.slug}/donations"
        if name == "donations"
        else "/api/v1/campaigns"
    )
    return client.get(path, {**LISTS[name], **params})


@pytest.mark.parametrize("name", LISTS)
def test_page_one_has_the_one_item(client, campaign, name):
    body = get(client, campaign, name, page="1").json()
    assert (body["count"], len(body["items"])) == (1, 1)


@pytest.mark.parametrize("name", LISTS)
@pytest.mark.parametrize(
    "page",
    [
        {"page": "2"},
        {"page": HUGE},
        {"page": HUGE, "page_size": "1"},
        {"page": str(2**63), "page_size": "1"},  # offset 2**63 - 1, the largest SQL takes
        {"page": str(2**63 + 1), "page_size": "1"},
    ],
)
def test_a_page_past_the_last_is_empty(client, campaign, name, page):
    response = get(client, campaign, name, **page)
    assert response.status_code == 200, response.content
    # The campaign list says whether its count is a lower bound (searches count up to 1,000).
    flag = {} if name == "donations" else {"total_is_lower_bound": False}
    assert response.json() == {"items": [], "count": 1, **flag}


@pytest.mark.parametrize("name", LISTS)
@pytest.mark.parametrize("page", ["0", "-1", "-" + HUGE, "abc", "", "1.5", "9" * 5000])
def test_a_page_that_is_not_a_positive_integer_is_422(client, campaign, name, page):
    response = get(client, campaign, name, page=page)
    assert response.status_code == 422
    body = response.json()
    assert body["detail"] == "Data tidak valid."
    assert list(body["errors"]) == ["page"]
    assert body["errors"]["page"]
    assert all(isinstance(message, str) for message in body["errors"]["page"])


def test_an_unknown_campaign_s_donations_are_404_json_whatever_the_page(client):
    for page in ("1", HUGE):
        response = client.get("/api/v1/campaigns/tidak-ada/donations", {"page": page})
        assert response.status_code == 404
        assert response.json()["detail"]
