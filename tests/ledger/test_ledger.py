from __future__ import annotations

import pytest
from django.core.management import call_command
from django.db import DatabaseError, IntegrityError, connection, transaction
from django.db.models import F
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gotong.campaigns.models import Campaign
from gotong.donations.books import ledger_verify
from gotong.donations.models import Donation
from gotong.donations.services import clearing_account
from gotong.donations.transitions import DonationEvent
from gotong.ledger.flows import flows_rebuild
from gotong.ledger.models import EntryKind, JournalEntry, LedgerAccount, Posting
from gotong.ledger.movements import (
    FUNDS_SIGNS,
    CountersRow,
    InsufficientFunds,
    Line,
    Recorded,
    UnbalancedEntry,
    campaign_accounts,
    movement_record,
)
from gotong.payments.services import donation_event_apply
from tests.factories import CampaignFactory, DonationFactory

pytestmark = pytest.mark.django_db


def settle(donation: Donation) -> None:
    donation_event_apply(donation=donation, event=DonationEvent.PAID)


def _line(amount: int, key: str = "k") -> Line:
    return Line(
        kind=EntryKind.DONATION_SETTLED, amount=amount, idempotency_key=key, memo_value="GTG-x"
    )


def _write(campaign: Campaign, *lines: Line) -> Recorded:
    return movement_record(
        lines=list(lines),
        accounts=campaign_accounts(
            campaign_id=campaign.pk,
            clearing=clearing_account(gateway="midtrans", campaign_id=campaign.pk),
        ),
        counters_on=CountersRow(model=Campaign, pk=campaign.pk),
        campaign_id=campaign.pk,
    )


@pytest.mark.parametrize("amount", [-100, 1.5])
def test_movements_of_no_positive_whole_rupiah_are_refused(amount):
    campaign = CampaignFactory()
    with pytest.raises(UnbalancedEntry), transaction.atomic():
        _write(campaign, _line(amount))
    assert JournalEntry.objects.count() == 0


@pytest.mark.django_db(transaction=True)
def test_movement_outside_a_transaction_is_refused():
    with pytest.raises(RuntimeError):
        _write(CampaignFactory(), _line(1))
    assert JournalEntry.objects.count() == 0


def test_same_idempotency_key_cannot_book_twice():
    campaign = CampaignFactory()
    with transaction.atomic():
        _write(campaign, _line(10, "same"))
    with pytest.raises(IntegrityError), transaction.atomic():
        _write(campaign, _line(10, "same"))
    campaign.refresh_from_db()
    assert campaign.collected == 10
    assert ledger_verify().ok


def test_one_write_nets_each_account_and_moves_counters_by_the_table():
    campaign = CampaignFactory()
    fee = Line(kind=EntryKind.PLATFORM_FEE, amount=3, idempotency_key="fee", memo_value="GTG-x")
    with transaction.atomic():
        recorded = _write(campaign, _line(100), fee)
    assert [e.kind for e in recorded.entries] == ["donation_settled", "platform_fee"]
    assert recorded.counters_moved == 1
    balances = dict(LedgerAccount.objects.values_list("code", "balance"))
    assert balances == {
        f"gateway:midtrans:clearing:{campaign.pk}": 100,
        f"campaign:{campaign.pk}:funds": -97,
        f"platform:fees:{campaign.pk}": -3,
    }
    campaign.refresh_from_db()
    assert (campaign.collected, campaign.donor_count, campaign.fees) == (100, 1, 3)
    assert campaign.available == 97
    assert ledger_verify().ok


def test_a_payout_beyond_the_available_funds_is_refused():
    campaign = CampaignFactory()
    payout = Line(kind=EntryKind.DISBURSEMENT_PAID, amount=101, idempotency_key="p", memo_value="x")
    with transaction.atomic():
        _write(campaign, _line(100))
    with pytest.raises(InsufficientFunds), transaction.atomic():
        _write(campaign, payout)
    assert JournalEntry.objects.count() == 1


def test_available_funds_follow_the_movement_table_signs():
    assert FUNDS_SIGNS == {"collected": 1, "fees": -1, "refunded": -1, "paid_out": -1}


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(st.integers(min_value=10_000, max_value=100_000_000), min_size=1, max_size=8),
    st.sampled_from(["kemanusiaan", "bencana-alam"]),
)
def test_settling_any_amounts_keeps_every_total_exact(amounts, category):
    campaign = CampaignFactory(category=category)
    for amount in amounts:
        settle(DonationFactory(campaign=campaign, amount=amount))
    campaign.refresh_from_db()
    rate = 0 if category == "bencana-alam" else 500
    fees = sum(amount * rate // 10_000 for amount in amounts)
    assert campaign.collected == sum(amounts)
    assert campaign.donor_count == len(amounts)
    assert campaign.fees == fees
    assert campaign.available == sum(amounts) - fees
    funds = LedgerAccount.objects.get(code=f"campaign:{campaign.pk}:funds")
    assert funds.balance == -campaign.available
    assert ledger_verify().ok


def test_ledger_rows_cannot_be_updated():
    settle(DonationFactory())
    with pytest.raises(DatabaseError), transaction.atomic():
        Posting.objects.update(amount=1)
    with pytest.raises(DatabaseError), transaction.atomic():
        JournalEntry.objects.update(memo="rewritten")


@pytest.mark.skipif(connection.vendor != "postgresql", reason="DELETE trigger is PostgreSQL-only")
def test_ledger_rows_cannot_be_deleted_on_postgresql():
    settle(DonationFactory())
    with pytest.raises(DatabaseError), transaction.atomic():
        Posting.objects.all().delete()


def test_verify_ledger_passes_on_a_consistent_ledger(capsys):
    campaign = CampaignFactory()
    settle(DonationFactory(campaign=campaign, amount=75_000))
    call_command("verify_ledger")
    out = capsys.readouterr().out
    assert "ledger OK" in out
    assert "Rp 75.000" in out


def test_verify_ledger_fails_when_a_counter_is_tampered_with(capsys):
    campaign = CampaignFactory()
    settle(DonationFactory(campaign=campaign, amount=75_000))
    Campaign.objects.filter(pk=campaign.pk).update(collected=80_000)
    with pytest.raises(SystemExit) as exit_info:
        call_command("verify_ledger")
    assert exit_info.value.code == 1
    assert "collected 80000, ledger 75000" in capsys.readouterr().err


def test_verify_ledger_fails_on_a_stored_balance_mismatch():
    settle(DonationFactory(amount=75_000))
    LedgerAccount.objects.filter(code__endswith=":funds").update(balance=0)
    problems = ledger_verify().problems
    assert any("stored balance 0" in p for p in problems)


def test_verify_ledger_fails_on_an_unbalanced_insert():
    settle(DonationFactory(amount=75_000))
    entry = JournalEntry.objects.get(kind=EntryKind.DONATION_SETTLED)
    account = LedgerAccount.objects.get(code__endswith=":funds")
    Posting.objects.create(entry=entry, account=account, amount=-5)
    LedgerAccount.objects.filter(pk=account.pk).update(balance=account.balance - 5)
    problems = ledger_verify().problems
    assert any("does not balance" in p for p in problems)


def test_verify_ledger_fails_when_a_settled_donation_has_no_entry():
    donation = DonationFactory()
    Donation.objects.filter(pk=donation.pk).update(status="settled")
    problems = ledger_verify().problems
    assert any("(settled): entries {}" in p for p in problems)


def test_entries_on_the_platform_wide_accounts_of_before_still_verify():
    """Books written before per-campaign accounts (decision 17) keep verifying."""
    campaign = CampaignFactory(category="kemanusiaan")
    donation = DonationFactory(campaign=campaign, amount=100_000)
    accounts = {
        code: LedgerAccount.objects.create(code=code, name=code, kind=kind, campaign=owner)
        for code, kind, owner in (
            ("gateway:midtrans:clearing", "asset", None),
            (f"campaign:{campaign.pk}:funds", "liability", campaign),
            ("platform:fees", "income", None),
        )
    }
    for kind, debit, credit, amount in (
        ("donation_settled", "gateway:midtrans:clearing", f"campaign:{campaign.pk}:funds", 100_000),
        ("platform_fee", f"campaign:{campaign.pk}:funds", "platform:fees", 5_000),
    ):
        entry = JournalEntry.objects.create(
            kind=kind, memo="lama", idempotency_key=kind, campaign=campaign, donation=donation
        )
        Posting.objects.create(entry=entry, account=accounts[debit], amount=amount)
        Posting.objects.create(entry=entry, account=accounts[credit], amount=-amount)
        for code, delta in ((debit, amount), (credit, -amount)):
            LedgerAccount.objects.filter(code=code).update(balance=F("balance") + delta)
    Donation.objects.filter(pk=donation.pk).update(status="settled", fee=5_000)
    Campaign.objects.filter(pk=campaign.pk).update(collected=100_000, donor_count=1, fees=5_000)
    assert any(p.startswith("open data") for p in ledger_verify().problems)
    flows_rebuild()  # what a deploy runs once (open_data_rebuild) for books older than decision 36
    report = ledger_verify()
    assert report.ok, report.problems
