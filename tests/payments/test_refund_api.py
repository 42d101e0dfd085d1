"""Midtrans' refund API as the sandbox implements it, driven over HTTP with Basic auth."""

from __future__ import annotations

import pytest
import requests
from django.conf import settings

from gotong.payments.services import payment_start
from tests.factories import DonationFactory

pytestmark = pytest.mark.django_db(transaction=True)


def refund(live, order_id, key="rf-1", amount=None, server_key=None):
    body = {"refund_key": key, "reason": "uji"} | ({"amount": amount} if amount else {})
    return requests.post(
        f"{live.url}/sandbox/midtrans/v2/{order_id}/refund",
        json=body,
        auth=(server_key or settings.MIDTRANS_SERVER_KEY, ""),
        timeout=30,
    )


def pay(live, order_id, status="settlement"):
    requests.post(
        f"{live.url}/sandbox/midtrans/simulate/{order_id}",
        json={"payment_type": "gopay", "transaction_status": status},
        timeout=30,
    ).raise_for_status()


def test_refund_rules(live_gateway):
    donation = DonationFactory(amount=100_000)
    payment_start(donation=donation)
    assert refund(live_gateway, donation.order_id, server_key="salah").status_code == 401
    assert refund(live_gateway, "GTG-TIDAK-ADA").status_code == 404
    pay(live_gateway, donation.order_id, "pending")
    assert refund(live_gateway, donation.order_id).status_code == 412  # not settled yet
    pay(live_gateway, donation.order_id)
    assert refund(live_gateway, donation.order_id, amount=200_000).status_code == 412
    partial = refund(live_gateway, donation.order_id, key="rf-a", amount=40_000)
    assert partial.json()["transaction_status"] == "partial_refund"
    again = refund(live_gateway, donation.order_id, key="rf-a", amount=40_000)
    assert again.json()["refund_amount"] == "40000.00"  # same key: same refund, not a second
    rest = refund(live_gateway, donation.order_id, key="rf-b")
    body = rest.json()
    assert (body["transaction_status"], body["refund_amount"]) == ("refund", "60000.00")
    assert refund(live_gateway, donation.order_id, key="rf-c").status_code == 412
