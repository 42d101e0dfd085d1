"""Subscriptions through our own Midtrans plugin against the sandbox, over real HTTP; each
scheduled charge arrives as a signed notification at /payments/midtrans/notification and
becomes a donation through the registered charge resolver (decision 35)."""

from __future__ import annotations

import datetime
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
import requests
from django.core import mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from gotong.campaigns.models import Campaign
from gotong.donations.books import ledger_verify
from gotong.donations.models import Donation
from gotong.donations.services import donation_create
from gotong.ledger.models import JournalEntry
from gotong.payments.gateways import gateway_get
from gotong.payments.gateways.base import (
    GatewayError,
    RecurringGateway,
    RetrySchedule,
    Schedule,
    SubscriptionRequest,
)
from gotong.payments.models import PaymentNotification
from gotong.payments.sandbox.models import SandboxNotificationDelivery, SandboxSubscription
from gotong.payments.sandbox.subscriptions import subscriptions_charge_due
from gotong.payments.signals import subscription_charge_reported
from gotong.payments.subscriptions import charge_resolver_register, charge_resolver_unregister
from gotong.transparency.models import LogLeaf
from tests.factories import CampaignFactory

pytestmark = pytest.mark.django_db(transaction=True)
DONOR_EMAIL = "rutin@example.com"


@pytest.fixture
def plans() -> Iterator[dict[str, Campaign]]:
    """A stand-in for the plan side: subscription id → campaign, and a resolver that creates
    each charge's pending donation (keyed by its order id) through donation_create."""
    known: dict[str, Campaign] = {}

    def resolve(
        *,
        gateway: str,
        subscription_id: str,
        order_id: str,
        amount: int,
        payment_type: str,
        charged_at: datetime.datetime | None,
    ) -> Donation | None:
        campaign = known.get(subscription_id)
        if campaign is None:
            return None
        return Donation.objects.filter(order_id=order_id).first() or donation_create(
            campaign=campaign,
            amount=amount,
            name="Siti Rahma",
            email=DONOR_EMAIL,
            gateway=gateway,
            order_id=order_id,
        )

    charge_resolver_register(resolve)
    yield known
    charge_resolver_unregister(resolve)


@pytest.fixture
def reports() -> Iterator[list[dict[str, Any]]]:
    got: list[dict[str, Any]] = []

    def receive(sender: Any, **kwargs: Any) -> None:
        got.append(kwargs)

    subscription_charge_reported.connect(receive)
    yield got
    subscription_charge_reported.disconnect(receive)


@pytest.fixture
def gateway(live_gateway) -> RecurringGateway:
    plugin = gateway_get("midtrans")
    assert isinstance(plugin, RecurringGateway)
    return plugin


def linked_token(gateway: RecurringGateway) -> tuple[str, str]:
    account = gateway.pay_account_link(
        customer_name="Siti Rahma",
        customer_email=DONOR_EMAIL,
        phone="+62 812-3456-7890",
        callback_url="https://gotong.example/rutin/kembali",
    )
    assert (account.status, account.payment_option_token) == ("PENDING", "")
    page = requests.post(account.activation_url, data={"decision": "approve"}, timeout=10)
    assert page.status_code == 200
    enabled = gateway.pay_account_get(account.id)
    assert enabled.status == "ENABLED"
    return account.id, enabled.payment_option_token


def subscribe(gateway: RecurringGateway, live_gateway, *, retries: int = 2, name: str = "GTG-R-1"):
    account_id, token = linked_token(gateway)
    return gateway.subscription_create(
        SubscriptionRequest(
            name=name,
            amount=100_000,
            payment_type="gopay",
            token=token,
            schedule=Schedule(
                interval=1,
                interval_unit="month",
                start_time=timezone.now() + datetime.timedelta(days=1),
            ),
            retry_schedule=RetrySchedule(interval=1, interval_unit="hour", max_interval=retries),
            customer_name="Siti Rahma",
            customer_email=DONOR_EMAIL,
            gopay_account_id=account_id,
            notification_url=live_gateway.url
            + reverse("payments:notification", kwargs={"gateway": "midtrans"}),
        )
    )


def charge(live_gateway, subscription_id: str, result: str = "settlement") -> dict[str, Any]:
    response = requests.post(
        f"{live_gateway.url}/sandbox/midtrans/subscriptions/{subscription_id}/charge",
        json={"result": result},
        timeout=30,
    )
    assert response.status_code == 200, response.text
    return response.json()


def test_a_charge_becomes_a_settled_donation_of_its_plan(gateway, live_gateway, plans, reports):
    campaign = CampaignFactory()
    sub = subscribe(gateway, live_gateway)
    assert (sub.status, sub.amount, sub.interval_unit) == ("active", 100_000, "month")
    plans[sub.id] = campaign

    order_id = charge(live_gateway, sub.id)["order_id"]

    donation = Donation.objects.get(order_id=order_id)
    assert order_id.startswith("SUBS-GTG-R-1-")
    assert (donation.status, donation.amount, donation.payment_type) == (
        "settled",
        100_000,
        "gopay",
    )
    assert donation.fee == 5_000
    campaign.refresh_from_db()
    assert (campaign.collected, campaign.donor_count) == (100_000, 1)
    assert [m.to for m in mail.outbox] == [[DONOR_EMAIL]]  # the receipt
    assert PaymentNotification.objects.get(order_id=order_id).outcome == "applied"
    settled = JournalEntry.objects.get(kind="donation_settled")
    assert LogLeaf.objects.filter(entry=settled).exists()  # sealed into the log
    receipt = requests.get(f"{live_gateway.url}/kuitansi/{order_id}/", timeout=10)
    assert receipt.status_code == 200
    assert "Rp 100.000" in receipt.text
    assert reports == [
        {
            "signal": subscription_charge_reported,
            "subscription_id": sub.id,
            "donation_id": donation.pk,
            "transaction_status": "settlement",
            "status_message": "midtrans payment notification",
        }
    ]
    assert ledger_verify().ok

    again = gateway.subscription_get(sub.id)
    assert (again.current_interval, len(again.transaction_ids)) == (1, 1)
    gateway.subscription_update(sub.id, amount=150_000)
    assert gateway.subscription_get(sub.id).amount == 150_000
    gateway.subscription_disable(sub.id)
    assert gateway.subscription_get(sub.id).status == "inactive"
    gateway.subscription_enable(sub.id)
    assert gateway.subscription_get(sub.id).status == "active"


def test_a_charge_delivered_twice_books_one_donation(gateway, live_gateway, plans, client):
    sub = subscribe(gateway, live_gateway)
    plans[sub.id] = CampaignFactory()
    order_id = charge(live_gateway, sub.id)["order_id"]
    delivered = SandboxNotificationDelivery.objects.get(transaction__order_id=order_id)

    url = reverse("payments:notification", kwargs={"gateway": "midtrans"})
    again = client.post(url, data=delivered.payload, content_type="application/json")

    assert again.json()["outcome"] == "duplicate"
    assert Donation.objects.filter(order_id=order_id).count() == 1
    assert JournalEntry.objects.filter(kind="donation_settled").count() == 1
    assert ledger_verify().ok


def test_a_charge_of_an_unknown_subscription_is_an_unknown_order(gateway, live_gateway, plans):
    sub = subscribe(gateway, live_gateway)  # never registered with the plan side

    order_id = charge(live_gateway, sub.id)["order_id"]

    assert PaymentNotification.objects.get(order_id=order_id).outcome == "unknown_order"
    assert SandboxNotificationDelivery.objects.get().response_status == 404
    assert not Donation.objects.exists()


def test_a_failed_charge_follows_the_retry_schedule(gateway, live_gateway, plans, reports):
    sub = subscribe(gateway, live_gateway, retries=2)
    plans[sub.id] = CampaignFactory()

    denied = charge(live_gateway, sub.id, "deny")
    assert Donation.objects.get(order_id=denied["order_id"]).status == "failed"
    assert reports[-1]["transaction_status"] == "deny"
    assert reports[-1]["status_message"] == "Transaction is denied: insufficient balance"
    retry_at = SandboxSubscription.objects.get().next_execution_at
    assert retry_at is not None
    assert retry_at - timezone.now() <= datetime.timedelta(hours=1)
    assert subscriptions_charge_due(now=retry_at - datetime.timedelta(seconds=1)) == 0

    assert subscriptions_charge_due(now=retry_at) == 1  # the retry, by the scheduler
    assert list(Donation.objects.order_by("pk").values_list("status", flat=True)) == [
        "failed",
        "settled",
    ]
    after = gateway.subscription_get(sub.id)
    assert (after.status, after.current_interval) == ("active", 1)

    for _ in range(3):  # the next slot fails, and both its retries
        charge(live_gateway, sub.id, "deny")
    assert gateway.subscription_get(sub.id).status == "inactive"
    assert reports[-1]["status_message"] == (
        "Subscription is inactive: the charge failed after every retry"
    )
    assert Donation.objects.filter(status="failed").count() == 4
    refused = requests.post(
        f"{live_gateway.url}/sandbox/midtrans/subscriptions/{sub.id}/charge", timeout=10
    )
    assert refused.status_code == 409
    assert ledger_verify().ok


def test_the_plugin_raises_gateway_errors(gateway):
    with pytest.raises(GatewayError, match="Subscription doesn't exist"):
        gateway.subscription_get("d98a63b8-97e4-4059-825f-0f62340407e9")
    with pytest.raises(GatewayError, match="Account doesn't exist"):
        gateway.pay_account_get("00000269-7836-49e5-bc65-e592afafec14")


def test_a_charge_delivered_twice_at_once_books_one_donation(gateway, live_gateway, plans):
    sub = subscribe(gateway, live_gateway)
    order_id = charge(live_gateway, sub.id)["order_id"]  # not ours yet: 404, kept by the sandbox
    body = SandboxNotificationDelivery.objects.get(transaction__order_id=order_id).payload
    plans[sub.id] = CampaignFactory()
    url = f"{live_gateway.url}/payments/midtrans/notification"
    barrier = threading.Barrier(2)

    def deliver(_: int) -> str:
        barrier.wait()
        return requests.post(url, json=body, timeout=30).json()["outcome"]

    with ThreadPoolExecutor(max_workers=2) as pool:
        outcomes = sorted(pool.map(deliver, range(2)))

    assert outcomes == ["applied", "duplicate"]
    assert Donation.objects.get(order_id=order_id).status == "settled"
    assert JournalEntry.objects.filter(kind="donation_settled").count() == 1
    assert ledger_verify().ok


def test_a_charge_the_resolver_cannot_book_is_kept_with_the_reason(gateway, live_gateway, plans):
    sub = subscribe(gateway, live_gateway)
    plans[sub.id] = CampaignFactory(status="ended")  # donation_create refuses it

    order_id = charge(live_gateway, sub.id)["order_id"]

    notification = PaymentNotification.objects.get(order_id=order_id)
    assert notification.outcome == "unknown_order"
    assert notification.detail == (
        "charge resolver refused: Kampanye ini tidak sedang menerima donasi."
    )
    assert SandboxNotificationDelivery.objects.get().response_status == 404  # tried again later
    assert not Donation.objects.exists()


def test_the_resolver_registered_last_answers_until_it_leaves():
    from gotong.payments.subscriptions import charge_resolve

    def first(**kwargs: Any) -> None:
        calls.append("first")

    def second(**kwargs: Any) -> None:
        calls.append("second")

    calls: list[str] = []
    ask = {"gateway": "midtrans", "subscription_id": "s", "order_id": "SUBS-x-1"}
    charge_resolver_register(first)
    charge_resolver_register(second)
    charge_resolver_register(second)
    charge_resolve(**ask, amount=1, payment_type="gopay")
    charge_resolver_unregister(second)
    charge_resolve(**ask, amount=1, payment_type="gopay")
    charge_resolver_unregister(first)
    with transaction.atomic():  # the recurring app's own answers again: no plan of "s"
        assert charge_resolve(**ask, amount=1, payment_type="gopay") is None
    assert calls == ["second", "first"]
