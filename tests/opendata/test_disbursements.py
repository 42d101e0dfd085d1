"""The `disbursements` dataset and the campaigns' verified flag: what left each campaign and
whether its use was reported, without bank, account, holder or purpose; both follow the
changes that make no movement (a report of use, a verification) at once."""

from __future__ import annotations

import csv
import io

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile

from gotong.disbursements import services as payouts
from gotong.donations.transitions import DonationEvent
from gotong.payments.services import donation_event_apply
from gotong.verification.services import verification_decide
from tests.factories import CampaignFactory, DonationFactory, staff_with_role
from tests.verification.test_verification import submit

pytestmark = pytest.mark.django_db

BANK = payouts.BankAccount(
    bank_code="002", account_number="0123456789", account_holder="RSUD Daya", is_hospital=True
)


def _rows(client, name: str) -> list[dict[str, str]]:
    body = client.get(f"/data/{name}.csv").content.decode()
    return list(csv.DictReader(io.StringIO(body)))


@pytest.fixture
def paid():
    cache.clear()
    campaign = CampaignFactory(category="medis")
    donation = DonationFactory(campaign=campaign, amount=200_000)
    donation_event_apply(donation=donation, event=DonationEvent.PAID)
    campaign.refresh_from_db()
    finance = staff_with_role("finance")
    payout = payouts.disbursement_request(
        campaign=campaign, actor=campaign.owner, amount=120_000, bank=BANK, purpose="Obat kemo"
    )
    payouts.disbursement_approve(disbursement=payout, actor=finance, reason="ok")
    payouts.disbursement_mark_paid(disbursement=payout, actor=finance, transfer_reference="TRX-77")
    return campaign, payout


def test_a_paid_disbursement_is_a_row_without_bank_holder_or_purpose(client, paid):
    campaign, payout = paid
    (row,) = _rows(client, "disbursements")
    assert row["campaign_id"] == str(campaign.pk)
    assert (row["amount"], row["to"], row["report_status"], row["reported_on"]) == (
        "120000",
        "hospital",
        "due",
        "",
    )
    body = client.get("/data/disbursements.json").content.decode()
    for secret in ("0123456789", "RSUD Daya", "Obat kemo", "TRX-77"):
        assert secret not in body

    text = "Dana dipakai untuk obat kemoterapi minggu pertama, nota terlampir."
    receipt = SimpleUploadedFile("nota.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")
    payouts.usage_report_publish(
        disbursement=payout, actor=campaign.owner, text=text, receipts=[receipt]
    )
    (row,) = _rows(client, "disbursements")
    assert row["report_status"] == "reported"
    assert row["reported_on"]


def test_the_campaigns_verified_flag_follows_the_decision(client, paid):
    campaign, _payout = paid
    (row,) = _rows(client, "campaigns")
    assert row["campaigner_verified"] == "false"
    verification = submit(campaign.owner)
    verification_decide(
        verification=verification, actor=staff_with_role("moderator"), approve=True, reason=""
    )
    (row,) = _rows(client, "campaigns")
    assert row["campaigner_verified"] == "true"
