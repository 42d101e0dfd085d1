"""Midtrans HTTP notification endpoint: every case of the protocol, through real HTTP handling."""

from __future__ import annotations

import json

import pytest

from gotong.campaigns.models import Campaign
from gotong.donations.books import ledger_verify
from gotong.donations.models import Donation
from gotong.ledger.models import JournalEntry
from gotong.payments.models import PaymentNotification
from tests import midtrans
from tests.factories import DonationFactory

URL = "/payments/midtrans/notification"
pytestmark = pytest.mark.django_db


def post(client, payload: dict | str):
    data = payload if isinstance(payload, str) else json.dumps(payload)
    return client.post(URL, data=data, content_type="application/json")


def state(donation: Donation) -> tuple[str, int, int, int]:
    donation.refresh_from_db()
    campaign = Campaign.objects.get(pk=donation.campaign_id)
    settlements = JournalEntry.objects.filter(kind="donation_settled").count()
    return (donation.status, campaign.collected, campaign.donor_count, settlements)


def test_settlement_settles_and_books_the_ledger(client):
    donation = DonationFactory(amount=50_000)
    response = post(client, midtrans.notification(donation.order_id, 50_000, "settlement"))
    assert response.status_code == 200
    assert response.json()["outcome"] == "applied"
    assert state(donation) == ("settled", 50_000, 1, 1)
    donation.refresh_from_db()
    assert donation.payment_type == "qris"
    assert donation.settled_at is not None
    entry = JournalEntry.objects.get(kind="donation_settled")
    assert sorted((p.account.code, p.amount) for p in entry.postings.all()) == [
        (f"campaign:{donation.campaign_id}:funds", -50_000),
        (f"gateway:midtrans:clearing:{donation.campaign_id}", 50_000),
    ]
    fee = JournalEntry.objects.get(kind="platform_fee")  # 5% of a kemanusiaan donation
    assert sorted((p.account.code, p.amount) for p in fee.postings.all()) == [
        (f"campaign:{donation.campaign_id}:funds", 2_500),
        (f"platform:fees:{donation.campaign_id}", -2_500),
    ]
    assert Campaign.objects.get(pk=donation.campaign_id).available == 47_500
    assert ledger_verify().ok


def test_capture_with_fraud_accept_settles_but_challenge_does_not(client):
    accepted, challenged = DonationFactory(), DonationFactory()
    post(
        client,
        midtrans.notification(accepted.order_id, 50_000, "capture", payment_type="credit_card"),
    )
    post(
        client,
        midtrans.notification(
            challenged.order_id,
            50_000,
            "capture",
            payment_type="credit_card",
            fraud_status="challenge",
        ),
    )
    accepted.refresh_from_db()
    challenged.refresh_from_db()
    assert (accepted.status, challenged.status) == ("settled", "pending")


def test_duplicate_settlement_is_idempotent(client):
    donation = DonationFactory()
    payload = midtrans.notification(donation.order_id, 50_000)
    assert post(client, payload).json()["outcome"] == "applied"
    second = post(client, payload)
    assert second.status_code == 200
    assert second.json()["outcome"] == "duplicate"
    assert state(donation) == ("settled", 50_000, 1, 1)


def test_pending_after_settlement_never_moves_backwards(client):
    donation = DonationFactory()
    post(client, midtrans.notification(donation.order_id, 50_000, "settlement"))
    late = post(client, midtrans.notification(donation.order_id, 50_000, "pending"))
    assert late.status_code == 200
    assert late.json()["outcome"] == "ignored"
    assert state(donation) == ("settled", 50_000, 1, 1)


def test_expire_after_settlement_leaves_it_settled(client):
    donation = DonationFactory()
    post(client, midtrans.notification(donation.order_id, 50_000, "settlement"))
    post(client, midtrans.notification(donation.order_id, 50_000, "expire"))
    assert state(donation) == ("settled", 50_000, 1, 1)


def test_out_of_order_pending_then_settlement_then_pending(client):
    donation = DonationFactory()
    for status in ("pending", "settlement", "pending", "settlement"):
        assert (
            post(client, midtrans.notification(donation.order_id, 50_000, status)).status_code
            == 200
        )
    assert state(donation) == ("settled", 50_000, 1, 1)


@pytest.mark.parametrize("status", ["expire", "cancel", "deny"])
def test_failure_statuses_fail_a_pending_donation(client, status):
    donation = DonationFactory()
    response = post(client, midtrans.notification(donation.order_id, 50_000, status))
    assert response.status_code == 200
    assert state(donation) == ("failed", 0, 0, 0)
    donation.refresh_from_db()
    assert donation.gateway_status == status


def test_settlement_after_expiry_still_counts_the_money(client):
    """Money the gateway says it received is booked, even if an expiry arrived first."""
    donation = DonationFactory()
    post(client, midtrans.notification(donation.order_id, 50_000, "expire"))
    post(client, midtrans.notification(donation.order_id, 50_000, "settlement"))
    assert state(donation) == ("settled", 50_000, 1, 1)


def test_bad_signature_is_403_and_changes_nothing(client):
    donation = DonationFactory()
    payload = midtrans.notification(donation.order_id, 50_000, server_key="SB-Mid-server-WRONG")
    response = post(client, payload)
    assert response.status_code == 403
    assert state(donation) == ("pending", 0, 0, 0)
    assert PaymentNotification.objects.get().outcome == "bad_signature"


def test_signature_must_cover_the_amount_as_sent(client):
    """A valid signature over "50000.00" does not validate the same body claiming "5000000.00"."""
    donation = DonationFactory()
    payload = midtrans.notification(donation.order_id, 50_000)
    payload["gross_amount"] = "5000000.00"
    assert post(client, payload).status_code == 403
    assert state(donation) == ("pending", 0, 0, 0)


@pytest.mark.parametrize(
    "gross",
    [
        "50000",
        "5e4",
        " 50000.00 ",
        "50000.00\n",
        "\uff15\uff10\uff10\uff10\uff10.\uff10\uff10",  # full-width digits
        "+50000.00",
        "50_000.00",
        "50000.001",
    ],
)
def test_gross_amount_only_in_midtrans_format(client, gross):
    """Correctly signed over another spelling of the amount: refused, recorded, nothing moves."""
    donation = DonationFactory()
    payload = midtrans.notification(donation.order_id, 50_000, gross_amount=gross)
    response = post(client, payload)
    assert response.status_code == 400
    assert state(donation) == ("pending", 0, 0, 0)
    assert PaymentNotification.objects.get().outcome == "malformed"


def test_wrong_amount_is_rejected_and_recorded(client):
    donation = DonationFactory(amount=50_000)
    response = post(client, midtrans.notification(donation.order_id, 10_000))
    assert response.status_code == 400
    assert state(donation) == ("pending", 0, 0, 0)
    record = PaymentNotification.objects.get()
    assert record.outcome == "amount_mismatch"
    assert "gateway says 10000" in record.detail


def test_fractional_amount_is_rejected(client):
    donation = DonationFactory(amount=50_000)
    response = post(
        client, midtrans.notification(donation.order_id, 50_000, gross_amount="50000.50")
    )
    assert response.status_code == 400
    assert state(donation) == ("pending", 0, 0, 0)


def test_unknown_order_is_404(client):
    response = post(client, midtrans.notification("GTG-NOPE-1", 50_000))
    assert response.status_code == 404
    assert PaymentNotification.objects.get().outcome == "unknown_order"


@pytest.mark.parametrize(
    "raw",
    [
        "{not json",
        "",
        "[]",
        '"settlement"',
        '{"order_id": "x"}',
        '{"order_id": 1, "status_code": 200}',
    ],
)
def test_malformed_body_is_400(client, raw):
    donation = DonationFactory()
    response = post(client, raw)
    assert response.status_code == 400
    assert state(donation) == ("pending", 0, 0, 0)
    assert PaymentNotification.objects.get().outcome == "malformed"


def test_get_is_not_allowed(client):
    assert client.get(URL).status_code == 405


def test_every_notification_is_stored_raw_with_its_outcome(client):
    donation = DonationFactory()
    good = midtrans.notification(donation.order_id, 50_000)
    post(client, good)
    post(client, good)
    post(client, "{oops")
    outcomes = list(PaymentNotification.objects.order_by("id").values_list("outcome", flat=True))
    assert outcomes == ["applied", "duplicate", "malformed"]
    first = PaymentNotification.objects.order_by("id").first()
    assert json.loads(first.raw_body) == good
    assert first.source == "http"
