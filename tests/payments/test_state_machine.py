"""The donation state machine, driven through the real notification endpoint: every defect of
issue 8 as a regression test, reversals and reported refunds, and random event sequences."""

from __future__ import annotations

import json

import pytest
import requests
from django.db import connection
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gotong.campaigns.models import Campaign, CampaignStatus
from gotong.donations.books import ledger_verify
from gotong.donations.models import Donation
from gotong.donations.transitions import FINAL, TRANSITIONS, DonationEvent
from gotong.ledger.models import JournalEntry
from gotong.moderation.services import campaign_close_and_refund
from gotong.payments.models import NotificationSource, PaymentNotification, Refund
from gotong.payments.services import donation_event_apply, payment_report_apply, payment_start
from tests import midtrans
from tests.factories import CampaignFactory, DonationFactory, staff_with_role

URL = "/payments/midtrans/notification"


def post(client, payload):
    return client.post(URL, data=json.dumps(payload), content_type="application/json")


def signed(order_id: str, amount: int, status: str, code: str) -> dict[str, str]:
    """A body correctly signed over `code`, whatever status it claims."""
    payload = midtrans.notification(order_id, amount, "settlement")
    payload["transaction_status"], payload["status_code"] = status, code
    payload["signature_key"] = midtrans.sign(order_id, code, payload["gross_amount"])
    return payload


def snapshot(donation: Donation) -> tuple:
    donation.refresh_from_db()
    campaign = Campaign.objects.get(pk=donation.campaign_id)
    return (
        donation.status,
        campaign.collected,
        campaign.donor_count,
        campaign.fees,
        campaign.refunded,
        JournalEntry.objects.count(),
    )


def settled(client, **kwargs) -> Donation:
    donation = DonationFactory(**kwargs)
    assert (
        post(client, midtrans.notification(donation.order_id, donation.amount)).status_code == 200
    )
    return donation


def refunded(client, **kwargs) -> Donation:
    donation = settled(client, **kwargs)
    response = post(client, signed(donation.order_id, donation.amount, "refund", "200"))
    assert response.json()["outcome"] == "applied"
    return donation


@pytest.mark.django_db
def test_a_pending_body_rewritten_to_settlement_books_nothing(client):
    """Defect 1: the signature covers status_code 201, not the status the body claims."""
    donation = DonationFactory(amount=50_000)
    before = snapshot(donation)
    payload = midtrans.notification(donation.order_id, 50_000, "pending")
    payload["transaction_status"] = "settlement"
    response = post(client, payload)
    assert response.status_code == 400
    assert response.json()["outcome"] == "status_mismatch"
    assert snapshot(donation) == before
    record = PaymentNotification.objects.get()
    assert (record.outcome, record.order_id) == ("status_mismatch", donation.order_id)
    assert "201" in record.detail


@pytest.mark.django_db
@pytest.mark.parametrize("status", ["capture", "refund", "chargeback"])
def test_money_statuses_need_midtrans_status_code(client, status):
    donation = settled(client) if status != "capture" else DonationFactory()
    before = snapshot(donation)
    response = post(client, signed(donation.order_id, donation.amount, status, "201"))
    assert response.status_code == 400
    assert snapshot(donation) == before


@pytest.mark.django_db
@pytest.mark.parametrize("status", ["expire", "cancel", "deny"])
def test_a_late_failure_leaves_a_refunded_donation_refunded(client, status):
    """Defect 2."""
    donation = refunded(client)
    before = snapshot(donation)
    response = post(client, midtrans.notification(donation.order_id, donation.amount, status))
    assert response.status_code == 200
    assert response.json()["outcome"] == "ignored"
    assert "donation is refunded" in response.json()["detail"]
    assert snapshot(donation) == before
    assert ledger_verify().ok


@pytest.mark.django_db
def test_a_settlement_after_a_refund_is_ignored_and_recorded(client):
    """Defect 3: no 500, and the notification row survives."""
    donation = refunded(client)
    before = snapshot(donation)
    response = post(client, midtrans.notification(donation.order_id, donation.amount))
    assert response.status_code == 200
    assert response.json()["outcome"] == "ignored"
    assert snapshot(donation) == before
    last = PaymentNotification.objects.order_by("id").last()
    assert (last.outcome, last.transaction_status) == ("ignored", "settlement")
    assert "paid refused: donation is refunded" in last.detail
    assert ledger_verify().ok


@pytest.mark.django_db(transaction=True)
def test_a_payment_arriving_after_close_is_booked_and_refunded(live_gateway):
    """Defect 4, end to end through the sandbox: the donor paid after the campaign closed."""
    campaign = CampaignFactory(category="kemanusiaan")
    early, late = (DonationFactory(campaign=campaign, amount=a) for a in (100_000, 40_000))
    for donation in (early, late):
        payment_start(donation=donation)
    simulate = f"{live_gateway.url}/sandbox/midtrans/simulate/"
    paid = {"payment_type": "qris", "transaction_status": "settlement"}
    assert requests.post(simulate + early.order_id, json=paid, timeout=30).status_code == 200
    choose = {"payment_type": "qris", "transaction_status": "pending"}
    assert requests.post(simulate + late.order_id, json=choose, timeout=30).status_code == 200

    campaign_close_and_refund(
        campaign=campaign, actor=staff_with_role("moderator"), reason="Penipuan terbukti"
    )
    assert Donation.objects.get(pk=late.pk).status == "pending"
    assert requests.post(simulate + late.order_id, json=paid, timeout=30).status_code == 200

    assert Refund.objects.get(donation=late).status == "done"
    assert set(Donation.objects.values_list("status", flat=True)) == {"refunded"}
    campaign.refresh_from_db()
    assert (campaign.status, campaign.collected, campaign.refunded) == ("closed", 140_000, 140_000)
    assert campaign.available == 0
    assert ledger_verify().ok


@pytest.mark.django_db
def test_a_deny_after_settlement_reverses_it(client):
    donation = settled(client, amount=80_000, campaign=CampaignFactory(category="kemanusiaan"))
    response = post(client, midtrans.notification(donation.order_id, 80_000, "deny"))
    assert response.json()["outcome"] == "applied"
    assert snapshot(donation)[:5] == ("reversed", 0, 0, 0, 0)
    kinds = list(
        JournalEntry.objects.filter(donation=donation).order_by("id").values_list("kind", flat=True)
    )
    assert kinds == ["donation_settled", "platform_fee", "fee_reversed", "donation_reversed"]
    again = post(client, midtrans.notification(donation.order_id, 80_000, "deny"))
    assert again.json()["outcome"] == "duplicate"
    late = post(client, midtrans.notification(donation.order_id, 80_000))
    assert late.json()["outcome"] == "ignored"
    assert ledger_verify().ok


@pytest.mark.django_db
def test_a_refund_made_at_the_gateway_is_booked_and_reconciled(client):
    donation = refunded(client, amount=60_000)
    refund = Refund.objects.get(donation=donation)
    assert (refund.status, refund.refund_key) == ("done", f"refund-{donation.order_id}")
    assert snapshot(donation)[0] == "refunded"
    partial = signed(donation.order_id, 60_000, "partial_refund", "200")
    assert post(client, partial).json()["outcome"] == "ignored"
    assert ledger_verify().ok


@pytest.mark.django_db
def test_settlement_is_eleven_statements(client):
    """BEGIN and COMMIT included: lock the donation (with its campaign's category), update it,
    create missing accounts (none here), insert both entries, their postings, one balance
    UPDATE that locks the accounts, the open-data upsert of the campaign's month (decision 36),
    the campaign's counters, the notification row."""
    campaign = CampaignFactory(category="kemanusiaan")
    settled(client, campaign=campaign)  # the campaign's accounts exist: the warm path
    donation = DonationFactory(campaign=campaign, email="")
    body = midtrans.body(midtrans.notification(donation.order_id, donation.amount))
    with CaptureQueriesContext(connection) as queries:
        result = payment_report_apply(raw_body=body, source=NotificationSource.HTTP)
    assert result.outcome == "applied"
    statements = [q["sql"] for q in queries.captured_queries]
    # In a test the transaction is a savepoint: SAVEPOINT / RELEASE stand for BEGIN / COMMIT.
    edges = ("BEGIN", "COMMIT", "SAVEPOINT", "RELEASE")
    inside = [s for s in statements if not s.upper().startswith(edges)]
    assert len(inside) + 2 == 11, "\n".join(statements)
    assert ledger_verify().ok


EVENTS = {
    "settlement": ("settlement", "200"),
    "pending": ("pending", "201"),
    "expire": ("expire", "407"),
    "cancel": ("cancel", "200"),
    "deny": ("deny", "202"),
    "refund": ("refund", "200"),
    "partial_refund": ("partial_refund", "200"),
    "chargeback": ("chargeback", "200"),
}


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    st.lists(
        st.tuples(
            st.integers(min_value=0, max_value=2),
            st.sampled_from([*EVENTS, "close", "status_api"]),
        ),
        min_size=1,
        max_size=14,
    )
)
@pytest.mark.django_db
def test_random_event_sequences_keep_the_books_exact(settings_, sequence):
    """Notifications (twice, out of order), status-API answers and a close-and-refund, in any
    order: every status change is one the table allows, final states stay final, a settled
    donation of a closed campaign always has its refund, and verify_ledger passes."""
    campaign = CampaignFactory(category="kemanusiaan")
    donations = [DonationFactory(campaign=campaign, amount=10_000 * (i + 3)) for i in range(3)]
    last_event: dict[int, str] = {}
    for index, event in sequence:
        donation = donations[index]
        before = Donation.objects.get(pk=donation.pk).status
        if event == "close":
            campaign.refresh_from_db()
            if campaign.status != CampaignStatus.CLOSED:
                campaign_close_and_refund(
                    campaign=campaign, actor=staff_with_role("moderator"), reason="Ditutup"
                )
            continue
        source = NotificationSource.HTTP
        if event == "status_api":  # the status API repeats the last thing the gateway said
            event, source = last_event.get(index, "pending"), NotificationSource.STATUS_API
        status, code = EVENTS[event]
        body = midtrans.body(signed(donation.order_id, donation.amount, status, code))
        result = payment_report_apply(raw_body=body, source=source)
        last_event[index] = event
        after = Donation.objects.get(pk=donation.pk).status
        assert result.http_status == 200
        if after != before:
            assert before not in FINAL
            assert any(f == before and t == after for (f, _e), t in TRANSITIONS.items())
    campaign.refresh_from_db()
    if campaign.status == CampaignStatus.CLOSED:
        for donation in Donation.objects.filter(campaign=campaign, status="settled"):
            assert Refund.objects.filter(donation=donation).exists()
    report = ledger_verify()
    assert report.ok, report.problems


@pytest.fixture
def settings_(settings):
    """Refunds asked of a gateway that is not there fail fast and stay open, as in real life."""
    settings.MIDTRANS_API_BASE_URL = "http://127.0.0.1:9"
    return settings


def test_the_table_knows_every_event_and_final_states_have_no_way_out():
    assert {event for (_s, event) in TRANSITIONS} <= set(DonationEvent.values)
    assert not [key for key in TRANSITIONS if key[0] in FINAL]


@pytest.mark.django_db
def test_donation_event_apply_refuses_quietly():
    donation = DonationFactory()
    donation_event_apply(donation=donation, event=DonationEvent.FAILED)
    result = donation_event_apply(donation=donation, event=DonationEvent.REFUNDED)
    assert result.outcome.value == "ignored"
    assert result.reason == "refunded refused: donation is failed"
