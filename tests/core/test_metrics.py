"""/metrics speaks Prometheus' text format: HTTP answers by method and status, settlements,
notification outcomes, the task queue and the sealing lag, read from the database on scrape.
It answers a bearer of METRICS_TOKEN or, without one, only a scraper on this machine."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.utils import timezone
from prometheus_client.parser import text_string_to_metric_families

from gotong.notifications.tasks import send_receipt_email
from tests import midtrans
from tests.factories import CampaignFactory, DonationFactory

pytestmark = pytest.mark.django_db


def scrape(client, **headers) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    response = client.get("/metrics", headers=headers)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain; version=")
    return {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(response.content.decode())
        for sample in family.samples
    }


@pytest.fixture
def notify(client, django_capture_on_commit_callbacks):
    """A gateway notification, with what its commit queues (the receipt email, the seal)."""

    def post(donation, *, server_key: str | None = None) -> None:
        payload = midtrans.notification(donation.order_id, donation.amount, server_key=server_key)
        with django_capture_on_commit_callbacks(execute=True):
            client.post(
                "/payments/midtrans/notification",
                data=midtrans.body(payload),
                content_type="application/json",
            )

    return post


def test_http_answers_are_counted_by_method_and_status(client):
    before = scrape(client)
    client.get("/healthz")
    client.get("/healthz")
    client.post("/healthz")
    after = scrape(client)
    ok = ("gotong_http_requests_total", (("method", "GET"), ("status", "200")))
    refused = ("gotong_http_requests_total", (("method", "POST"), ("status", "405")))
    assert after[ok] - before.get(ok, 0) >= 2
    assert after[refused] - before.get(refused, 0) == 1
    client.generic("BREW", "/healthz")
    assert ("gotong_http_requests_total", (("method", "OTHER"), ("status", "405"))) in scrape(
        client
    )


def test_settlements_and_notification_outcomes_come_from_the_database(client, notify):
    campaign = CampaignFactory()
    paid, forged = DonationFactory(campaign=campaign), DonationFactory(campaign=campaign)
    notify(paid)
    notify(paid)
    notify(forged, server_key="not-the-key")
    samples = scrape(client)
    assert samples[("gotong_settlements_total", ())] == 1
    outcome = "gotong_payment_notifications_total"
    assert samples[(outcome, (("outcome", "applied"),))] == 1
    assert samples[(outcome, (("outcome", "duplicate"),))] == 1
    assert samples[(outcome, (("outcome", "bad_signature"),))] == 1
    # Sealed at once by the immediate task backend of the tests.
    assert samples[("gotong_log_unsealed_seconds", ())] == 0
    assert 0 <= samples[("gotong_log_head_age_seconds", ())] < 60


def test_the_queue_and_the_sealing_lag_show_work_left(client, notify, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    notify(DonationFactory(campaign=CampaignFactory()))
    send_receipt_email.using(queue_name="default").enqueue(donation_id=0)
    with time_machine.travel(timezone.now() + datetime.timedelta(seconds=90), tick=False):
        samples = scrape(client)
    # The receipt email and the seal the settlement queued, and the one enqueued here.
    assert samples[("gotong_tasks", (("queue", "default"), ("status", "ready")))] >= 2
    assert 90 <= samples[("gotong_log_unsealed_seconds", ())] < 100
    assert ("gotong_log_head_age_seconds", ()) not in samples
    assert samples[("gotong_task_workers", ())] == 0


def test_without_a_token_only_this_machine_may_scrape(client):
    assert client.get("/metrics").status_code == 200
    assert client.get("/metrics", REMOTE_ADDR="203.0.113.7").status_code == 401
    proxied = client.get("/metrics", headers={"X-Forwarded-For": "203.0.113.7"})
    assert proxied.status_code == 401


def test_with_a_token_only_its_bearer_may_scrape(client, settings):
    settings.METRICS_TOKEN = "rahasia-panjang"
    refused = client.get("/metrics")
    assert refused.status_code == 401
    assert refused["WWW-Authenticate"] == "Bearer"
    assert client.get("/metrics", headers={"Authorization": "Bearer salah"}).status_code == 401
    allowed = client.get(
        "/metrics", REMOTE_ADDR="203.0.113.7", headers={"Authorization": "Bearer rahasia-panjang"}
    )
    assert allowed.status_code == 200
    assert b"gotong_settlements_total" in allowed.content
