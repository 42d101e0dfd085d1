"""200 donations on one campaign, settled by notifications from 16 threads, each sent twice,
against a live server: totals, donor count and the ledger must come out exact."""

from __future__ import annotations

import random
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests
from django.core.management import call_command

from gotong.campaigns.models import Campaign
from gotong.ledger.models import JournalEntry
from gotong.payments.models import PaymentNotification
from tests import midtrans
from tests.factories import CampaignFactory, DonationFactory

DONATIONS = 200
SENDERS = 16


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_concurrent_duplicated_notifications_settle_exactly_once(live_gateway, capsys):
    campaign = CampaignFactory(target=10_000_000_000)
    rng = random.Random(2026)
    donations = [
        DonationFactory(campaign=campaign, amount=rng.randrange(10_000, 5_000_000, 1_000))
        for _ in range(DONATIONS)
    ]
    bodies = [
        midtrans.body(midtrans.notification(d.order_id, d.amount, "settlement")) for d in donations
    ] * 2
    rng.shuffle(bodies)
    url = f"{live_gateway.url}/payments/midtrans/notification"
    local = threading.local()

    def send(body: str) -> int:
        session = getattr(local, "session", None) or requests.Session()
        local.session = session
        response = session.post(
            url, data=body, headers={"Content-Type": "application/json"}, timeout=60
        )
        return response.status_code

    with ThreadPoolExecutor(max_workers=SENDERS) as pool:
        statuses = list(pool.map(send, bodies))

    assert statuses == [200] * (2 * DONATIONS)
    campaign = Campaign.objects.get(pk=campaign.pk)
    assert campaign.collected == sum(d.amount for d in donations)
    assert campaign.donor_count == DONATIONS
    assert JournalEntry.objects.filter(kind="donation_settled").count() == DONATIONS
    assert JournalEntry.objects.filter(kind="platform_fee").count() == DONATIONS
    assert campaign.fees == sum(d.amount * 5 // 100 for d in donations)
    outcomes = sorted(PaymentNotification.objects.values_list("outcome", flat=True))
    assert outcomes == ["applied"] * DONATIONS + ["duplicate"] * DONATIONS
    call_command("verify_ledger")
    assert "ledger OK" in capsys.readouterr().out
