from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.db.models import F

from gotong.ledger.models import AccountKind, EntryKind, JournalEntry, LedgerAccount, Posting


class UnbalancedEntry(ValueError):
    pass


@dataclass(frozen=True)
class Leg:
    account: LedgerAccount
    amount: int  # debit positive, credit negative


def account_get_or_create(
    *, code: str, name: str, kind: AccountKind, campaign_id: int | None = None
) -> LedgerAccount:
    account, _ = LedgerAccount.objects.get_or_create(
        code=code, defaults={"name": name, "kind": kind, "campaign_id": campaign_id}
    )
    return account


def entry_record(
    *,
    kind: EntryKind,
    memo: str,
    idempotency_key: str,
    legs: list[Leg],
    campaign_id: int | None = None,
    donation_id: int | None = None,
) -> JournalEntry:
    """Write one balanced journal entry and move each account's stored balance with it.

    Must run inside the caller's transaction. Balances are updated with F() in account-id order,
    the one fixed lock order every writer uses, so concurrent entries cannot deadlock.
    """
    if len(legs) < 2:
        raise UnbalancedEntry("an entry needs at least two postings")
    if any(not isinstance(leg.amount, int) or leg.amount == 0 for leg in legs):
        raise UnbalancedEntry("posting amounts must be non-zero integers of rupiah")
    if sum(leg.amount for leg in legs) != 0:
        raise UnbalancedEntry("postings must sum to zero")
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("entry_record must run inside the transaction of the change it explains")

    entry = JournalEntry.objects.create(
        kind=kind,
        memo=memo[:300],
        idempotency_key=idempotency_key,
        campaign_id=campaign_id,
        donation_id=donation_id,
    )
    Posting.objects.bulk_create(
        [Posting(entry=entry, account=leg.account, amount=leg.amount) for leg in legs]
    )
    for leg in sorted(legs, key=lambda leg: leg.account.pk):
        LedgerAccount.objects.filter(pk=leg.account.pk).update(balance=F("balance") + leg.amount)
    return entry
