"""Rate limits on public writes per client address (decision 29): the write past the limit
is answered 429 (an Indonesian page, or the API's JSON error) and writes nothing."""

from __future__ import annotations

import datetime
import json

import pytest
from django.test import Client, RequestFactory
from django.utils import timezone

from gotong.core.ratelimit import client_ip
from gotong.donations.models import Donation
from gotong.info.models import InfoReport
from gotong.inkind.catalogue import Item
from gotong.inkind.models import AidReport, Pledge
from gotong.inkind.pledges import handover_code, pledge_accept, pledge_create, pledge_deliver
from gotong.inkind.transitions import PledgeStatus
from gotong.moderation.models import AbuseReport
from tests.factories import CampaignFactory, UserFactory
from tests.info.conftest import post
from tests.inkind.conftest import HELPER_PHONE, need_open, photo
from tests.inkind.test_offers import offer

pytestmark = pytest.mark.usefixtures("tallo")
TEXT = "Foto dan cerita ini diambil dari berita lain."


@pytest.fixture(autouse=True)
def one_write_each(settings):
    settings.RATE_LIMITS = dict.fromkeys(("donation", "pledge", "delivery", "report"), (1, 3600))


def refused(response) -> None:
    """The Indonesian 429 page, telling when to try again."""
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    page = response.content.decode()
    assert "Terlalu banyak permintaan" in page
    assert "Tidak ada yang tercatat" in page


def refused_json(response) -> None:
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert response.json()["code"] == "too_many_requests"


def signed_in(user=None, remote: str = "127.0.0.1") -> Client:
    client = Client(REMOTE_ADDR=remote)
    client.force_login(user or UserFactory())
    return client


def test_donations_on_the_web(client):
    campaign = CampaignFactory()
    url = f"/kampanye/{campaign.slug}/donasi/"
    assert client.post(url, {"amount": "5", "name": "Rina"}).status_code == 422  # counts too
    refused(client.post(url, {"amount": "50000", "name": "Rina"}))
    assert Donation.objects.count() == 0
    assert client.get(url).status_code == 200  # reading is never limited
    other = Client(REMOTE_ADDR="10.0.0.9")  # another address has its own count
    assert other.post(url, {"amount": "5", "name": "Rina"}).status_code == 422


def test_donations_through_the_api(client):
    campaign = CampaignFactory()
    url = f"/api/v1/campaigns/{campaign.slug}/donations"
    small = client.post(url, {"amount": 5, "name": "Rina"}, content_type="application/json")
    assert small.status_code == 422
    refused_json(
        client.post(url, {"amount": 50_000, "name": "Rina"}, content_type="application/json")
    )
    assert Donation.objects.count() == 0


def pledge_form(line) -> dict[str, object]:
    return {
        "line": line.pk,
        "quantity": 10,
        "deliver_by": str(timezone.localdate() + datetime.timedelta(days=2)),
        "whatsapp": HELPER_PHONE,
    }


def test_pledges_on_the_web_and_through_the_api(moderator):
    need = need_open(moderator)
    line = need.lines.get(item=Item.MASKER)
    helper = signed_in()
    assert helper.post(f"/kebutuhan/{need.pk}/janji/", pledge_form(line)).status_code == 302
    refused(helper.post(f"/kebutuhan/{need.pk}/janji/", pledge_form(line)))
    assert Pledge.objects.count() == 1
    payload = pledge_form(line) | {"line_id": line.pk}
    api = f"/api/v1/needs/{need.pk}/pledges"
    refused_json(helper.post(api, json.dumps(payload), content_type="application/json"))
    assert Pledge.objects.count() == 1


def test_delivery_confirmations(moderator):
    need = need_open(moderator)
    helper = UserFactory()
    pledge = pledge_create(
        actor=helper,
        line=need.lines.get(item=Item.MASKER),
        quantity=10,
        deliver_by=timezone.localdate() + datetime.timedelta(days=2),
        whatsapp=HELPER_PHONE,
    )
    pledge_accept(pledge=pledge, actor=need.poster)
    pledge.refresh_from_db()
    pledge_deliver(pledge=pledge, actor=helper, photo=photo())
    poster = signed_in(need.poster)
    url = f"/janji/{pledge.pk}/konfirmasi/"
    assert poster.post(url, {"code": "x"}).status_code == 400
    refused(poster.post(url, {"code": handover_code(pledge)}))
    pledge.refresh_from_db()
    assert pledge.status == PledgeStatus.DELIVERED
    refused(poster.post(f"/janji/{pledge.pk}/persoalkan/", {"reason": "Belum sampai."}))


def test_reports_of_campaigns_needs_offers_and_information(client, moderator):
    first, second = CampaignFactory(), CampaignFactory()
    report = {"reason": "fraud", "text": TEXT}
    assert client.post(f"/kampanye/{first.slug}/laporkan/", report).status_code == 302
    refused(client.post(f"/kampanye/{second.slug}/laporkan/", report))
    assert AbuseReport.objects.count() == 1

    aid = {"reason": "fake", "text": TEXT}
    refused(client.post(f"/kebutuhan/{need_open(moderator).pk}/laporkan/", aid))
    refused(client.post(f"/tawaran/{offer('73.71').pk}/laporkan/", aid))
    assert AidReport.objects.count() == 0

    reporter = signed_in(remote="10.0.0.2")  # another address, its own count
    info = post()
    assert (
        reporter.post(f"/info/{info.pk}/laporkan/", {"reason": "spam", "text": TEXT}).status_code
        == 302
    )
    refused(reporter.post(f"/info/{post().pk}/laporkan/", {"reason": "spam", "text": TEXT}))
    assert InfoReport.objects.count() == 1


def test_zero_switches_a_limit_off(client, settings):
    settings.RATE_LIMITS = settings.RATE_LIMITS | {"report": (0, 60)}
    for campaign in (CampaignFactory(), CampaignFactory(), CampaignFactory()):
        response = client.post(
            f"/kampanye/{campaign.slug}/laporkan/", {"reason": "fraud", "text": TEXT}
        )
        assert response.status_code == 302
    assert AbuseReport.objects.count() == 3


def address(settings, *, trusted: int, forwarded: str | None, remote: str = "10.0.0.1") -> str:
    settings.TRUSTED_PROXY_COUNT = trusted
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return client_ip(RequestFactory().post("/", **extra))


def test_the_client_address_trusts_only_the_configured_proxies(settings):
    # No proxy: X-Forwarded-For is whatever the client wrote, never believed.
    assert address(settings, trusted=0, forwarded="1.2.3.4") == "10.0.0.1"
    # One proxy appends what it saw: the last hop; earlier hops came from the client.
    assert address(settings, trusted=1, forwarded="6.6.6.6, 203.0.113.7") == "203.0.113.7"
    assert address(settings, trusted=2, forwarded="6.6.6.6, 203.0.113.7, 10.1.1.1") == (
        "203.0.113.7"
    )
    assert address(settings, trusted=1, forwarded=None) == "10.0.0.1"


def test_a_spoofed_forwarded_header_does_not_escape_the_limit(client, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    campaign = CampaignFactory()
    url = f"/kampanye/{campaign.slug}/laporkan/"
    report = {"reason": "fraud", "text": TEXT}
    proxy = "203.0.113.7"
    assert client.post(url, report, HTTP_X_FORWARDED_FOR=f"1.1.1.1, {proxy}").status_code == 302
    refused(client.post(url, report, HTTP_X_FORWARDED_FOR=f"2.2.2.2, {proxy}"))
