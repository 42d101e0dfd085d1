from __future__ import annotations

import pytest
from django.core.management import call_command
from django.db import DatabaseError, IntegrityError, connection, transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gotong.campaigns.models import Campaign
from gotong.donations.models import Donation
from gotong.donations.services import GatewayReport, donation_settle
from gotong.ledger.models import AccountKind, EntryKind, JournalEntry, LedgerAccount, Posting
from gotong.ledger.selectors import ledger_verify
from gotong.ledger.services import Leg, UnbalancedEntry, account_get_or_create, entry_record
from tests.factories import CampaignFactory, DonationFactory

pytestmark = pytest.mark.django_db


def settle(donation: Donation) -> None:
    donation_settle(donation=donation, report=GatewayReport(transaction_status="settlement"))


def two_accounts() -> tuple[LedgerAccount, LedgerAccount]:
    a = account_get_or_create(code="test:a", name="A", kind=AccountKind.ASSET)
    b = account_get_or_create(code="test:b", name="B", kind=AccountKind.LIABILITY)
    return a, b


@pytest.mark.parametrize("amounts", [[100, -99], [100], [0, 0], [100, -50, -49]])
def test_unbalanced_entries_are_refused(amounts):
    a, b = two_accounts()
    legs = [Leg(account=(a, b)[i % 2], amount=x) for i, x in enumerate(amounts)]
    with pytest.raises(UnbalancedEntry), transaction.atomic():
        entry_record(kind=EntryKind.DONATION_SETTLED, memo="x", idempotency_key="k", legs=legs)
    assert JournalEntry.objects.count() == 0


@pytest.mark.django_db(transaction=True)
def test_entry_outside_a_transaction_is_refused():
    a, b = two_accounts()
    with pytest.raises(RuntimeError):
        entry_record(
            kind=EntryKind.DONATION_SETTLED,
            memo="x",
            idempotency_key="k",
            legs=[Leg(account=a, amount=1), Leg(account=b, amount=-1)],
        )


def test_same_idempotency_key_cannot_book_twice():
    a, b = two_accounts()
    legs = [Leg(account=a, amount=10), Leg(account=b, amount=-10)]
    with transaction.atomic():
        entry_record(kind=EntryKind.DONATION_SETTLED, memo="x", idempotency_key="same", legs=legs)
    with pytest.raises(IntegrityError), transaction.atomic():
        entry_record(kind=EntryKind.DONATION_SETTLED, memo="x", idempotency_key="same", legs=legs)
    a.refresh_from_db()
    assert a.balance == 10


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
    funds = LedgerAccount.objects.get(campaign=campaign)
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
    LedgerAccount.objects.filter(code__startswith="campaign:").update(balance=0)
    problems = ledger_verify().problems
    assert any("stored balance 0" in p for p in problems)


def test_verify_ledger_fails_on_an_unbalanced_insert():
    settle(DonationFactory(amount=75_000))
    entry = JournalEntry.objects.get(kind=EntryKind.DONATION_SETTLED)
    account = LedgerAccount.objects.get(code__startswith="campaign:")
    Posting.objects.create(entry=entry, account=account, amount=-5)
    LedgerAccount.objects.filter(pk=account.pk).update(balance=account.balance - 5)
    problems = ledger_verify().problems
    assert any("does not balance" in p for p in problems)


def test_verify_ledger_fails_when_a_settled_donation_has_no_entry():
    donation = DonationFactory()
    Donation.objects.filter(pk=donation.pk).update(status="settled")
    problems = ledger_verify().problems
    assert any("0 settlement entries" in p for p in problems)
