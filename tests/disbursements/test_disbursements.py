"""Pencairan dana: request by the campaigner, four-eyes decision by finance, paid → ledger."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError

from gotong.audit.models import AuditEntry
from gotong.campaigns.models import Campaign
from gotong.disbursements import services
from gotong.disbursements.models import Disbursement
from gotong.donations.books import ledger_verify
from gotong.donations.transitions import DonationEvent
from gotong.ledger.models import JournalEntry
from gotong.payments.services import donation_event_apply
from tests.factories import CampaignFactory, DonationFactory, UserFactory, staff_with_role

pytestmark = pytest.mark.django_db


def finance(**kwargs):
    return staff_with_role("finance", **kwargs)


# A medis campaign paid straight to a hospital: allowed before the campaigner is verified.
BANK = services.BankAccount(
    bank_code="002", account_number="0123456789", account_holder="RSUD", is_hospital=True
)


@pytest.fixture
def campaign():
    campaign = CampaignFactory(category="medis")
    donation_event_apply(
        donation=DonationFactory(campaign=campaign, amount=1_000_000),
        event=DonationEvent.PAID,
    )
    campaign.refresh_from_db()
    assert campaign.available == 950_000
    return campaign


def request(campaign, amount=500_000):
    return services.disbursement_request(
        campaign=campaign, actor=campaign.owner, amount=amount, bank=BANK, purpose="Biaya operasi"
    )


def test_full_flow_books_the_payout_and_keeps_the_ledger_exact(client, campaign):
    d = request(campaign)
    officer = finance()
    services.disbursement_approve(disbursement=d, actor=officer, reason="Sesuai RAB")
    services.disbursement_mark_paid(disbursement=d, actor=finance(), transfer_reference="TRX-1")
    d.refresh_from_db()
    campaign.refresh_from_db()
    assert d.status == "paid"
    assert (campaign.collected, campaign.fees, campaign.paid_out) == (1_000_000, 50_000, 500_000)
    assert campaign.available == 450_000
    entry = JournalEntry.objects.get(kind="disbursement_paid")
    assert sorted((p.account.code, p.amount) for p in entry.postings.all()) == [
        (f"campaign:{campaign.pk}:funds", 500_000),
        (f"gateway:midtrans:clearing:{campaign.pk}", -500_000),
    ]
    assert ledger_verify().ok
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"disbursement.approve", "disbursement.paid"} <= actions
    rows = client.get(f"/kampanye/{campaign.slug}/buku-besar.json").json()["entries"]
    assert rows[-1]["description"] == "Pencairan dana: Biaya operasi"
    assert (rows[-1]["amount"], rows[-1]["balance"]) == (-500_000, 450_000)


def test_cannot_request_more_than_is_free(campaign):
    request(campaign, 600_000)
    with pytest.raises(ValidationError) as info:
        request(campaign, 400_000)  # 950.000 available, 600.000 already reserved
    assert "Rp 350.000" in str(info.value)
    assert Disbursement.objects.count() == 1


FULLWIDTH_DIGITS = "".join(chr(0xFF10 + n) for n in range(1, 8))  # "1234567" as wide digits


@pytest.mark.parametrize("number", ["12ab", "123", "1" * 21, "12/345/678", FULLWIDTH_DIGITS])
def test_bad_account_number_is_refused(campaign, number):
    bank = services.BankAccount(bank_code="002", account_number=number, account_holder="X")
    with pytest.raises(ValidationError):
        services.disbursement_request(
            campaign=campaign, actor=campaign.owner, amount=1_000, bank=bank, purpose="x"
        )
    assert not Disbursement.objects.exists()


def test_only_the_owner_can_request(campaign):
    with pytest.raises(PermissionDenied):
        services.disbursement_request(
            campaign=campaign, actor=UserFactory(), amount=1_000, bank=BANK, purpose="x"
        )


def test_four_eyes_the_requester_can_never_decide(campaign):
    owner_in_finance = campaign.owner
    owner_in_finance.is_staff = True
    owner_in_finance.save()
    owner_in_finance.groups.add(Group.objects.get_or_create(name="finance")[0])
    d = request(campaign)
    for decide in (
        lambda: services.disbursement_approve(disbursement=d, actor=owner_in_finance),
        lambda: services.disbursement_reject(disbursement=d, actor=owner_in_finance, reason="x"),
    ):
        with pytest.raises(PermissionDenied):
            decide()
    d.refresh_from_db()
    assert d.status == "requested"
    assert not AuditEntry.objects.exists()


@pytest.mark.parametrize("role", ["none", "staff", "moderator"])
def test_only_finance_decides(campaign, role):
    actor = UserFactory(is_staff=role != "none")
    if role == "moderator":
        actor.groups.add(Group.objects.get_or_create(name="moderator")[0])
    d = request(campaign)
    with pytest.raises(PermissionDenied):
        services.disbursement_approve(disbursement=d, actor=actor)
    d.refresh_from_db()
    assert d.status == "requested"


def test_paid_needs_approval_first_and_reject_needs_a_reason(campaign):
    d = request(campaign)
    officer = finance()
    with pytest.raises(ValidationError):
        services.disbursement_mark_paid(disbursement=d, actor=officer, transfer_reference="T")
    with pytest.raises(ValidationError):
        services.disbursement_reject(disbursement=d, actor=officer, reason=" ")
    services.disbursement_reject(disbursement=d, actor=officer, reason="Rekening tidak sesuai")
    d.refresh_from_db()
    assert d.status == "rejected"
    assert Campaign.objects.get(pk=campaign.pk).paid_out == 0
    request(campaign, 950_000)  # a rejected request no longer reserves funds


def test_pages_refuse_whoever_is_not_allowed(client, campaign):
    d = request(campaign)
    client.force_login(UserFactory())
    assert client.get(f"/galang-dana/{campaign.slug}/pencairan/").status_code == 404
    assert client.get("/staf/pencairan/").status_code == 403
    client.force_login(UserFactory(is_staff=True))
    assert client.post(f"/staf/pencairan/{d.pk}/", {"decision": "approve"}).status_code == 403
    d.refresh_from_db()
    assert d.status == "requested"


def test_pages_walk_the_flow(client, campaign):
    client.force_login(campaign.owner)
    response = client.post(
        f"/galang-dana/{campaign.slug}/pencairan/",
        {
            "amount": "300.000",
            "purpose": "Obat",
            "bank_code": "009",
            "account_number": "12345678",
            "account_holder": "RSUD Dr. Soetomo",
            "is_hospital": "on",
        },
    )
    assert response.status_code == 302
    d = Disbursement.objects.get()
    client.force_login(finance())
    assert "Rp 300.000" in client.get("/staf/pencairan/").content.decode()
    client.post(f"/staf/pencairan/{d.pk}/", {"decision": "approve", "reason": "ok"})
    client.force_login(finance())
    client.post(f"/staf/pencairan/{d.pk}/", {"decision": "paid", "transfer_reference": "BNI-77"})
    d.refresh_from_db()
    assert (d.status, d.transfer_reference) == ("paid", "BNI-77")
    assert Campaign.objects.get(pk=campaign.pk).available == 650_000
