"""The sandbox's Subscription and pay-account endpoints over real HTTP: what they refuse and
how a link expires; a new schedule through our own plugin."""

from __future__ import annotations

import datetime

import pytest
import requests
import time_machine
from django.utils import timezone

from gotong.payments.gateways import gateway_get
from gotong.payments.gateways.base import RecurringGateway, Schedule, SubscriptionRequest
from gotong.payments.sandbox.models import SandboxSubscription

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def base(live_gateway) -> str:
    return f"{live_gateway.url}/sandbox/midtrans"


def post(base: str, path: str, body: dict, key: str) -> requests.Response:
    return requests.post(f"{base}/{path}", json=body, auth=(key, ""), timeout=10)


def test_subscription_create_lists_every_problem(base, settings):
    response = post(
        base,
        "v1/subscriptions",
        {
            "name": "nama dengan spasi",
            "amount": 100000,
            "currency": "IDR",
            "payment_type": "gopay",
            "token": "t",
            "schedule": {"interval": 0, "interval_unit": "year", "start_time": "besok"},
            "retry_schedule": {"max_interval": 9},
        },
        settings.MIDTRANS_SERVER_KEY,
    )
    assert response.status_code == 400
    assert response.json()["validation_messages"] == [
        "name is required: at most 40 letters, digits, - _ ~ .",
        'amount is required: whole rupiah as a string, e.g. "100000"',
        "schedule.interval must be a positive integer",
        "schedule.interval_unit must be one of: day, week, month",
        'schedule.start_time must look like "2026-12-04 07:00:00 +0700"',
        "retry_schedule.max_interval must be between 0 and 3",
        "gopay.account_id is required for payment_type gopay",
    ]
    assert not SandboxSubscription.objects.exists()
    assert post(base, "v1/subscriptions", {}, "wrong-key").status_code == 401
    charge = requests.post(f"{base}/subscriptions/nope/charge", json={}, timeout=10)
    assert charge.status_code == 404


def test_pay_account_refuses_bad_phones_and_expires_unanswered(base, settings):
    key = settings.MIDTRANS_SERVER_KEY
    bad = post(
        base,
        "v2/pay/account",
        {"payment_type": "gopay", "gopay_partner": {"phone_number": "0812", "country_code": "62"}},
        key,
    )
    assert bad.status_code == 400
    assert bad.json()["validation_messages"] == [
        "gopay_partner.phone_number must be 9 to 12 digits, without 0 or +62"
    ]
    made = post(
        base,
        "v2/pay/account",
        {
            "payment_type": "gopay",
            "gopay_partner": {"phone_number": "81234567890", "country_code": "62"},
        },
        key,
    ).json()
    link = made["actions"][0]["url"]
    assert requests.post(link, data={"decision": "maybe"}, timeout=10).status_code == 400
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=31)):
        got = requests.get(
            f"{base}/v2/pay/account/{made['account_id']}", auth=(key, ""), timeout=10
        )
        assert (got.json()["status_code"], got.json()["account_status"]) == ("204", "EXPIRED")
        late = requests.post(link, data={"decision": "approve"}, timeout=10)
    assert late.status_code == 409
    assert "kedaluwarsa" in late.text
    unbound = requests.post(
        f"{base}/v2/pay/account/{made['account_id']}/unbind", auth=(key, ""), timeout=10
    )
    assert unbound.json()["account_status"] == "EXPIRED"


def test_a_new_schedule_through_our_plugin_moves_the_next_charge(live_gateway):
    gateway = gateway_get("midtrans")
    assert isinstance(gateway, RecurringGateway)
    start = timezone.now() + datetime.timedelta(days=2)
    sub = gateway.subscription_create(
        SubscriptionRequest(
            name="GTG-R-3",
            amount=25_000,
            payment_type="credit_card",
            token="48111111sHfSakAvHvFQFEjTivUV1114",
            schedule=Schedule(interval=1, interval_unit="week", start_time=start),
            customer_name="Budi",
            customer_email="",
        )
    )
    assert sub.next_execution_at == start.replace(microsecond=0)
    friday = start + datetime.timedelta(days=3)
    gateway.subscription_update(
        sub.id, schedule=Schedule(interval=2, interval_unit="week", start_time=friday)
    )
    moved = gateway.subscription_get(sub.id)
    assert (moved.interval, moved.amount) == (2, 25_000)
    assert moved.next_execution_at == friday.replace(microsecond=0)
