"""`?ref=` on a campaign page sets the signed `gotong_ref` cookie, also when the page comes from
the anonymous page cache, which never stores the cookie nor keys on `ref`."""

from __future__ import annotations

import time

import pytest
from django.core import signing

from gotong.campaigns.models import CampaignStatus
from gotong.core.pagecache import HIT_HEADER
from gotong.referrals import attribution
from gotong.referrals.attribution import COOKIE_NAME, COOKIE_SALT, MAX_CAMPAIGNS
from tests.factories import CampaignFactory, UserFactory
from tests.referrals.helpers import code_of

pytestmark = pytest.mark.django_db
THIRTY_DAYS = 30 * 24 * 3600


def remembered(client) -> dict[int, str]:
    """{campaign id: code} as the cookie in the client's jar says."""
    morsel = client.cookies.get(COOKIE_NAME)
    if morsel is None or not morsel.value:
        return {}
    return {cid: code for cid, code, _ in signing.loads(morsel.value, salt=COOKIE_SALT)}


def test_a_link_sets_a_signed_httponly_lax_cookie_for_thirty_days(client):
    campaign, code = CampaignFactory(), code_of(UserFactory())
    response = client.get(f"/kampanye/{campaign.slug}/?ref={code}")
    assert response.status_code == 200
    morsel = response.cookies[COOKIE_NAME]
    assert morsel["httponly"] is True
    assert morsel["samesite"] == "Lax"
    assert int(morsel["max-age"]) == THIRTY_DAYS
    assert code not in morsel.value  # signed and compressed, not the bare code
    assert remembered(client) == {campaign.pk: code}
    assert "private" in response["Cache-Control"]


@pytest.mark.parametrize("ref", ["", "tidakada", "ABC DEF", "x" * 200, "<script>"])
def test_unknown_codes_set_nothing(client, ref):
    code_of(UserFactory())
    campaign = CampaignFactory()
    response = client.get(f"/kampanye/{campaign.slug}/", {"ref": ref})
    assert response.status_code == 200
    assert COOKIE_NAME not in response.cookies


def test_missing_hidden_and_non_campaign_pages_set_nothing(client):
    code = code_of(UserFactory())
    draft = CampaignFactory(status=CampaignStatus.DRAFT, published_at=None)
    assert client.get(f"/kampanye/{draft.slug}/?ref={code}").status_code == 404
    assert client.get(f"/kampanye/tidak-ada/?ref={code}").status_code == 404
    assert client.get(f"/?ref={code}").status_code == 200
    assert client.get(f"/kampanye/?ref={code}").status_code == 200
    assert COOKIE_NAME not in client.cookies


def test_other_pages_of_a_campaign_count_too(client):
    campaign, code = CampaignFactory(), code_of(UserFactory())
    response = client.get(f"/kampanye/{campaign.slug}/donasi/?ref={code}")
    assert response.status_code == 200
    assert remembered(client) == {campaign.pk: code}


def test_the_last_link_per_campaign_wins_and_campaigns_are_kept_apart(client):
    first, second = CampaignFactory(), CampaignFactory()
    ani, budi = code_of(UserFactory()), code_of(UserFactory())
    client.get(f"/kampanye/{first.slug}/?ref={ani}")
    client.get(f"/kampanye/{second.slug}/?ref={ani}")
    client.get(f"/kampanye/{first.slug}/?ref={budi}")
    client.get(f"/kampanye/{second.slug}/")  # browsing without a link changes nothing
    assert remembered(client) == {first.pk: budi, second.pk: ani}


def test_only_the_newest_campaigns_are_kept(client):
    code = code_of(UserFactory())
    campaigns = [CampaignFactory() for _ in range(MAX_CAMPAIGNS + 2)]
    for campaign in campaigns:
        client.get(f"/kampanye/{campaign.slug}/?ref={code}")
    assert set(remembered(client)) == {c.pk for c in campaigns[2:]}


def test_a_tampered_cookie_is_ignored_and_replaced(client):
    campaign, code = CampaignFactory(), code_of(UserFactory())
    forged = signing.dumps([[campaign.pk, code, int(time.time())]], salt="another-salt")
    client.cookies[COOKIE_NAME] = forged
    other = CampaignFactory()
    client.get(f"/kampanye/{other.slug}/?ref={code}")
    assert remembered(client) == {other.pk: code}


def test_links_older_than_thirty_days_are_forgotten(client, monkeypatch):
    old, new = CampaignFactory(), CampaignFactory()
    code = code_of(UserFactory())
    now = time.time()
    monkeypatch.setattr(attribution.time, "time", lambda: now - THIRTY_DAYS - 60)
    client.get(f"/kampanye/{old.slug}/?ref={code}")
    monkeypatch.setattr(attribution.time, "time", lambda: now)
    client.get(f"/kampanye/{new.slug}/?ref={code}")
    assert remembered(client) == {new.pk: code}


def test_a_cached_page_still_sets_the_cookie_and_the_cache_never_stores_it(client, settings):
    settings.PAGE_CACHE_SECONDS = 60
    campaign, code = CampaignFactory(), code_of(UserFactory())
    url = f"/kampanye/{campaign.slug}/"
    first = client.get(url)
    assert first[HIT_HEADER] == "miss"

    visitor = client_class_copy(client)
    linked = visitor.get(f"{url}?ref={code}")
    assert linked[HIT_HEADER] == "hit"  # `ref` is not part of the cache key
    assert linked.content == first.content
    assert COOKIE_NAME in linked.cookies

    # The ref cookie is not a session: the visitor keeps getting cached pages, without cookies.
    again = visitor.get(url)
    assert again[HIT_HEADER] == "hit"
    assert COOKIE_NAME not in again.cookies


def test_a_page_first_rendered_for_a_link_is_stored_without_the_cookie(client, settings):
    settings.PAGE_CACHE_SECONDS = 60
    campaign, code = CampaignFactory(), code_of(UserFactory())
    url = f"/kampanye/{campaign.slug}/"
    linked = client.get(f"{url}?ref={code}")
    assert linked[HIT_HEADER] == "miss"
    assert COOKIE_NAME in linked.cookies
    stranger = client_class_copy(client)
    cached = stranger.get(url)
    assert cached[HIT_HEADER] == "hit"
    assert not cached.cookies
    assert COOKIE_NAME not in stranger.cookies


def client_class_copy(client):
    """A new visitor: the same client class, an empty cookie jar."""
    return type(client)()
