"""The anonymous page cache: home, list and campaign pages come from the cache for visitors
without a session, and a settled donation, a staff action or an edit shows on the very next
request; what the validator does not cover is at most PAGE_CACHE_SECONDS old."""

from __future__ import annotations

import gzip
import re

import pytest
from django.core.cache import caches
from django.test import Client, override_settings
from django.utils import timezone

from gotong.campaigns.models import Campaign, CampaignStatus
from gotong.campaigns.services import campaign_feature
from gotong.core.pagecache import HIT_HEADER
from gotong.updates.services import update_post
from tests.factories import CampaignFactory, DonationFactory, UserFactory
from tests.transparency.helpers import settle

pytestmark = pytest.mark.django_db
BODY = "Operasi berjalan lancar, terima kasih atas doa dan donasinya."


def get(client, url, **headers):
    response = client.get(url, headers=headers)
    assert response.status_code == 200
    return response, response.content.decode()


@pytest.mark.parametrize("url", ["/", "/kampanye/", "/kampanye/?kategori=medis"])
def test_listing_pages_are_served_from_the_cache_the_second_time(client, url):
    CampaignFactory()
    first, html = get(client, url)
    second, cached = get(client, url)
    assert (first[HIT_HEADER], second[HIT_HEADER]) == ("miss", "hit")
    assert cached == html


def test_a_settled_donation_shows_on_the_next_request(client):
    campaign = CampaignFactory(target=10_000_000)
    url = f"/kampanye/{campaign.slug}/"
    _, before = get(client, url)
    assert get(client, url)[0][HIT_HEADER] == "hit"
    _, home_before = get(client, "/")
    settle(DonationFactory(campaign=campaign, amount=1_234_000))
    response, after = get(client, url)
    assert response[HIT_HEADER] == "miss"
    assert "Rp 1.234.000" in after
    assert "Rp 1.234.000" not in before
    response, home_after = get(client, "/")
    assert response[HIT_HEADER] == "miss"
    assert home_after != home_before


def test_an_edit_or_a_staff_action_shows_on_the_next_request(client):
    campaign = CampaignFactory(title="Judul lama")
    url = f"/kampanye/{campaign.slug}/"
    get(client, url)
    get(client, "/")
    campaign.title = "Judul baru"
    campaign.save()  # updated_at moves, as campaign_update does
    assert "Judul baru" in get(client, url)[1]
    admin = UserFactory(is_staff=True, is_superuser=True)
    campaign_feature(campaign=campaign, actor=admin, featured=True, reason="Pilihan")
    response, html = get(client, "/")
    assert response[HIT_HEADER] == "miss"
    assert "Judul baru" in html


def test_a_new_update_shows_on_the_next_request(client):
    campaign = CampaignFactory()
    url = f"/kampanye/{campaign.slug}/"
    get(client, url)
    update_post(campaign=campaign, actor=campaign.owner, title="Kabar operasi", body=BODY)
    response, html = get(client, url)
    assert response[HIT_HEADER] == "miss"
    assert "Kabar operasi" in html


def test_what_the_validator_misses_expires_with_the_ttl(client, settings, time_machine):
    settings.PAGE_CACHE_SECONDS = 1
    time_machine.move_to(timezone.now(), tick=False)  # the cache's clock stands still...
    campaign = CampaignFactory()
    url = f"/kampanye/{campaign.slug}/"
    get(client, url)
    # A change no service makes: nothing tells the cache, so only the TTL ends the old page.
    Campaign.objects.filter(pk=campaign.pk).update(story_html="<p>Cerita diperbarui.</p>")
    time_machine.shift(0.9)
    assert "Cerita diperbarui." not in get(client, url)[1]  # cached, at most 1 s old
    time_machine.shift(0.2)  # ...until moved past the TTL
    assert "Cerita diperbarui." in get(client, url)[1]


def test_signed_in_people_and_sessions_never_get_or_fill_the_cache(client):
    campaign = CampaignFactory()
    url = f"/kampanye/{campaign.slug}/"
    get(client, url)
    user = UserFactory(display_name="Tono Pengunjung")
    client.force_login(user)
    response, html = get(client, url)
    assert HIT_HEADER not in response
    assert "Keluar" in html  # their own header, not the anonymous one
    client.logout()
    client.cookies["sessionid"] = "whatever"
    assert HIT_HEADER not in get(client, url)[0]


def test_missing_and_hidden_pages_are_not_cached(client):
    draft = CampaignFactory(status=CampaignStatus.DRAFT)
    for _ in range(2):
        response = client.get(f"/kampanye/{draft.slug}/")
        assert response.status_code == 404
        assert HIT_HEADER not in response
        assert client.get("/kampanye/tidak-ada/").status_code == 404


def test_unknown_query_parameters_share_one_entry(client):
    CampaignFactory()
    get(client, "/kampanye/?utm_source=wa")
    assert get(client, "/kampanye/?fbclid=xyz")[0][HIT_HEADER] == "hit"


def test_zero_seconds_turns_the_cache_off(client, settings):
    settings.PAGE_CACHE_SECONDS = 0
    CampaignFactory()
    get(client, "/")
    assert HIT_HEADER not in get(client, "/")[0]


@override_settings(
    CACHES={
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:6379/13",
            "KEY_PREFIX": "gotong-test",
        }
    }
)
def test_redis_serves_the_cache_when_configured(client):
    redis = caches["default"]
    try:
        redis.set("gotong-ping", 1, 5)
    except Exception:
        pytest.skip("Redis is not running on 127.0.0.1:6379")
    redis.clear()
    campaign = CampaignFactory()
    url = f"/kampanye/{campaign.slug}/"
    assert get(client, url)[0][HIT_HEADER] == "miss"
    assert get(client, url)[0][HIT_HEADER] == "hit"
    settle(DonationFactory(campaign=campaign))
    assert get(client, url)[0][HIT_HEADER] == "miss"
    redis.clear()


def _headers(response) -> dict[str, object]:
    """What a hit must answer as the rendered page did: every header but the hit marker, the
    request id and the length; the CSP's directives in any order."""
    skip = {"X-Page-Cache", "X-Request-ID", "Content-Length", "Content-Security-Policy"}
    headers: dict[str, object] = {k: v for k, v in response.items() if k not in skip}
    headers["csp"] = sorted(response["Content-Security-Policy"].split("; "))
    cookie = response.cookies.get("csrftoken")
    headers["csrf cookie"] = cookie and {a: cookie[a] for a in ("max-age", "samesite", "secure")}
    return headers


@pytest.mark.parametrize("encoding", ["gzip, deflate, br", ""])
def test_a_hit_answers_with_the_headers_and_the_page_of_a_render(encoding):
    donation = DonationFactory(message="Semoga lekas sembuh")
    settle(donation)
    url = donation.campaign.get_absolute_url()
    answers = [Client(headers={"Accept-Encoding": encoding}).get(url) for _ in range(2)]
    assert [a[HIT_HEADER] for a in answers] == ["miss", "hit"]
    assert _headers(answers[1]) == _headers(answers[0])
    pages = [gzip.decompress(a.content) if encoding else a.content for a in answers]
    tokens = [re.findall(rb'name="csrfmiddlewaretoken" value="([^"]+)"', p) for p in pages]
    assert len(set(tokens[1])) == 1  # one token, the guest's own, in every form
    assert tokens[1][0] not in tokens[0]
    assert int(answers[1]["Content-Length"]) == len(answers[1].content)
    assert pages[1].replace(tokens[1][0], b"") == pages[0].replace(tokens[0][0], b"")


def test_a_gzipped_hit_still_gives_each_guest_a_token_that_posts(settings):
    donation = DonationFactory(message="Semoga lekas sembuh")
    settle(donation)
    url = donation.campaign.get_absolute_url()
    Client().get(url)
    guest = Client(enforce_csrf_checks=True, headers={"Accept-Encoding": "gzip"})
    page = guest.get(url)
    assert (page[HIT_HEADER], page["Content-Encoding"]) == ("hit", "gzip")
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', gzip.decompress(page.content))
    amen = f"{url}doa/{donation.pk}/aamiin/"
    assert guest.post(amen, {"csrfmiddlewaretoken": token.group(1).decode()}).status_code == 302


def test_a_hit_takes_one_query_and_refuses_unknown_hosts(client, django_assert_num_queries):
    campaign = CampaignFactory()
    url = f"/kampanye/{campaign.slug}/"
    get(client, url)
    with django_assert_num_queries(1):  # the validator: no session, no user, no render
        assert get(client, url)[0][HIT_HEADER] == "hit"
    assert client.get(url, headers={"Host": "penipu.example"}).status_code == 400
