from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.db.models import F

from gotong.ledger import accounts as ledger_accounts
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


def campaign_accounts_locked(*, campaign_id: int, with_fees: bool) -> dict[str, LedgerAccount]:
    """The accounts money of one campaign moves between ("clearing", "funds", and "fees" when
    asked), created on first use and row-locked in id order, the order every writer uses. The
    rows returned are the ones read under the lock, so their balances are current."""
    accounts = {
        "clearing": account_get_or_create(
            code=ledger_accounts.GATEWAY_CLEARING,
            name="Midtrans clearing (dana di payment gateway)",
            kind=AccountKind.ASSET,
        ),
        "funds": account_get_or_create(
            code=ledger_accounts.campaign_funds_code(campaign_id),
            name=f"Dana kampanye #{campaign_id}",
            kind=AccountKind.LIABILITY,
            campaign_id=campaign_id,
        ),
    }
    if with_fees:
        accounts["fees"] = account_get_or_create(
            code=ledger_accounts.PLATFORM_FEES, name="Biaya platform", kind=AccountKind.INCOME
        )
    locked = {
        account.pk: account
        for account in LedgerAccount.objects.select_for_update()
        .filter(pk__in=[a.pk for a in accounts.values()])
        .order_by("pk")
    }
    return {name: locked[account.pk] for name, account in accounts.items()}


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
