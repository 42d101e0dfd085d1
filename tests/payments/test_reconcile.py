"""Reconciliation asks the gateway's status API about donations pending too long and applies
the answer through the notification code path."""

from __future__ import annotations

import datetime

import pytest
import requests
from django.utils import timezone

from gotong.donations.books import ledger_verify
from gotong.donations.models import Donation
from gotong.payments.models import PaymentNotification
from gotong.payments.services import donations_reconcile, payment_start
from gotong.payments.tasks import reconcile_pending_donations
from tests.factories import DonationFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def lost_notifications(live_gateway, settings):
    """The sandbox answers, but its notifications go to a port where nothing listens."""
    settings.PUBLIC_BASE_URL = "http://127.0.0.1:9"
    return live_gateway


def simulate(live, order_id: str, status: str) -> None:
    response = requests.post(
        f"{live.url}/sandbox/midtrans/simulate/{order_id}",
        json={"payment_type": "bank_transfer", "transaction_status": status},
        timeout=30,
    )
    assert response.status_code == 200, response.text


def later(minutes: int) -> datetime.datetime:
    return timezone.now() + datetime.timedelta(minutes=minutes)


def test_a_settlement_whose_notification_was_lost_is_found(lost_notifications):
    donation = DonationFactory(amount=75_000)
    payment_start(donation=donation)
    simulate(lost_notifications, donation.order_id, "settlement")
    donation.refresh_from_db()
    assert donation.status == "pending"

    assert donations_reconcile(now=later(1)) == 0  # not pending long enough to ask yet
    assert donations_reconcile(now=later(20)) == 1
    donation.refresh_from_db()
    # The status answer names the virtual account's bank: stored as Snap's channel code.
    assert (donation.status, donation.payment_type) == ("settled", "bca_va")
    assert donation.campaign.collected == 75_000
    record = PaymentNotification.objects.get(order_id=donation.order_id, source="status_api")
    assert record.outcome == "applied"
    assert ledger_verify().ok
    assert donations_reconcile(now=later(20)) == 0  # nothing pending any more


def test_an_expiry_whose_notification_was_lost_fails_the_donation(lost_notifications):
    donation = DonationFactory()
    payment_start(donation=donation)
    simulate(lost_notifications, donation.order_id, "expire")
    donations_reconcile(now=later(20))
    donation.refresh_from_db()
    assert (donation.status, donation.gateway_status) == ("failed", "expire")


def test_a_donation_still_being_paid_stays_pending(lost_notifications):
    donation = DonationFactory()
    payment_start(donation=donation)
    simulate(lost_notifications, donation.order_id, "pending")
    donations_reconcile(now=later(20))
    donation.refresh_from_db()
    assert donation.status == "pending"


def test_no_method_chosen_fails_only_after_the_payment_window(lost_notifications, settings):
    donation = DonationFactory()
    payment_start(donation=donation)
    donations_reconcile(now=later(settings.PAYMENT_EXPIRY_MINUTES))
    donation.refresh_from_db()
    assert donation.status == "pending"
    donations_reconcile(now=later(settings.PAYMENT_EXPIRY_MINUTES + 10))
    donation.refresh_from_db()
    assert (donation.status, donation.gateway_status) == ("failed", "expire")


def test_the_task_runs_the_reconciliation(lost_notifications):
    donation = DonationFactory()
    payment_start(donation=donation)
    simulate(lost_notifications, donation.order_id, "settlement")
    Donation.objects.filter(pk=donation.pk).update(created_at=later(-30))
    result = reconcile_pending_donations.enqueue()
    assert result.return_value == 1
    donation.refresh_from_db()
    assert donation.status == "settled"
