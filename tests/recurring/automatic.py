"""Automatic (GoPay) plans against the built-in sandbox over real HTTP: start, link, charge."""

from __future__ import annotations

from typing import Any

import requests
from django.core import mail

from gotong.payments.sandbox.models import (
    SandboxNotificationDelivery,
    SandboxSubscription,
    SandboxTransaction,
)
from gotong.payments.sandbox.subscriptions import subscription_charge, subscriptions_charge_due
from gotong.recurring.automatic import Linked, plan_link_complete, plan_start_automatic
from gotong.recurring.models import Plan
from gotong.recurring.sweep import plans_sweep

DEAD_URL = "http://127.0.0.1:9/payments/midtrans/notification"


def start_gopay(
    campaign, *, amount=100_000, cadence="monthly", day=1, answer="approve", **kw
) -> Plan:
    """A GoPay plan started through the service and answered on the sandbox's linking page."""
    started = plan_start_automatic(
        campaign=campaign,
        amount=amount,
        cadence=cadence,
        day=day,
        name=kw.pop("name", "Siti Rahma"),
        email=kw.pop("email", "siti@contoh.id"),
        is_anonymous=False,
        message="",
        payment_type="gopay",
        phone="0812 3456 7890",
        donor=None,
    )
    assert "/sandbox/midtrans/v2/gopay/redirect/gpar_" in started.payment_url
    if answer:
        page = requests.post(started.payment_url, data={"decision": answer}, timeout=10)
        assert page.status_code == 200
        expected = Linked.ACTIVE if answer == "approve" else Linked.DECLINED
        assert plan_link_complete(plan_id=started.plan.pk) == expected
    return Plan.objects.get(pk=started.plan.pk)


def subscription_of(plan: Plan) -> SandboxSubscription:
    return SandboxSubscription.objects.get(subscription_id=plan.gateway_subscription_id)


def tick() -> dict[str, Any]:
    """One scheduler tick of the two sweeps that matter here: plans, then the sandbox's
    charges (each charge's notification is delivered at once over HTTP)."""
    return {"plans": plans_sweep(), "charged": subscriptions_charge_due()}


def charge_undelivered(plan: Plan, result: str = "settlement") -> SandboxTransaction:
    """Charge the subscription's current slot now, its notification lost on the way (kept by
    the sandbox: `redeliver` sends it later)."""
    sub = subscription_of(plan)
    urls = sub.notification_urls
    SandboxSubscription.objects.filter(pk=sub.pk).update(notification_urls=[DEAD_URL])
    try:
        txn = subscription_charge(sub=sub, result=result)
    finally:
        SandboxSubscription.objects.filter(pk=sub.pk).update(notification_urls=urls)
    assert txn is not None
    return txn


def redeliver(live_gateway, txn: SandboxTransaction) -> str:
    """POST a charge's kept notification to the platform again; its outcome."""
    body = SandboxNotificationDelivery.objects.filter(transaction=txn).first()
    assert body is not None
    answer = requests.post(
        f"{live_gateway.url}/payments/midtrans/notification", json=body.payload, timeout=30
    )
    return str(answer.json()["outcome"])


def scripted_charge(live_gateway, plan: Plan, result: str = "settlement") -> dict[str, Any]:
    answer = requests.post(
        f"{live_gateway.url}/sandbox/midtrans/subscriptions/{plan.gateway_subscription_id}/charge",
        json={"result": result},
        timeout=30,
    )
    assert answer.status_code == 200, answer.text
    return dict(answer.json())


def subjects() -> list[str]:
    return [m.subject for m in mail.outbox]


def start_card(campaign, *, amount=100_000, cadence="monthly", day=15, **kw) -> tuple[Plan, str]:
    """A card plan started through the service: the plan, and its first payment's page."""
    started = plan_start_automatic(
        campaign=campaign,
        amount=amount,
        cadence=cadence,
        day=day,
        name=kw.pop("name", "Budi Santoso"),
        email=kw.pop("email", "budi@contoh.id"),
        is_anonymous=False,
        message="",
        payment_type="credit_card",
        phone="",
        donor=None,
    )
    return started.plan, started.payment_url


def pay_by_card(payment_url: str) -> None:
    """The donor pays on the sandbox's page with its test card."""
    for step, data in (
        ("method", {"payment_type": "credit_card"}),
        ("finish", {"transaction_status": "settlement"}),
    ):
        answer = requests.post(payment_url + step, data=data, timeout=30)
        assert answer.status_code == 200, answer.text
