"""Money movements: the one table every writer and reader of money shares, and its one writer.

Each `EntryKind` is one row of `MOVEMENTS`: which of a campaign's accounts it debits and credits
and which stored counters of the campaign it moves. `movement_record` is the only code that
writes journal entries, postings, account balances and campaign counters; `verify_ledger`,
`Campaign.available` and the public ledger read the same table (decision 17).

Lock order, the same for every writer: first the business row the caller locked (donation,
disbursement), then, inside `movement_record`, the accounts in id order (one statement), then
the counters' row (one UPDATE, last, because it is the hottest).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from django.db import models, transaction
from django.db.models import Case, F, Value, When

from gotong.ledger import codes, memos
from gotong.ledger.models import AccountKind, EntryKind, JournalEntry, LedgerAccount, Posting


class Role(StrEnum):
    CLEARING = "clearing"  # money a gateway or the foundation's bank holds for the campaign
    FUNDS = "funds"  # what the campaign is owed: its available funds
    FEES = "fees"  # the platform's fee income from the campaign


@dataclass(frozen=True)
class CounterMove:
    counter: str
    sign: int  # +1 or -1
    per_entry: bool = False  # moves by one per entry (donor_count), not by the amount


@dataclass(frozen=True)
class Movement:
    debit: Role
    credit: Role
    counters: tuple[CounterMove, ...]
    memo: str  # template in ledger.memos; its one argument is `memo_arg`
    memo_arg: str = "order_id"
    # Refused when it would take the campaign's available funds below zero.
    needs_funds: bool = False


MOVEMENTS: dict[str, Movement] = {
    EntryKind.DONATION_SETTLED: Movement(
        Role.CLEARING,
        Role.FUNDS,
        (CounterMove("collected", +1), CounterMove("donor_count", +1, per_entry=True)),
        memos.DONATION_SETTLED,
    ),
    EntryKind.PLATFORM_FEE: Movement(
        Role.FUNDS, Role.FEES, (CounterMove("fees", +1),), memos.PLATFORM_FEE
    ),
    EntryKind.FEE_REVERSED: Movement(
        Role.FEES, Role.FUNDS, (CounterMove("fees", -1),), memos.FEE_REVERSED
    ),
    EntryKind.DONATION_REFUNDED: Movement(
        Role.FUNDS, Role.CLEARING, (CounterMove("refunded", +1),), memos.DONATION_REFUNDED
    ),
    EntryKind.DONATION_REVERSED: Movement(
        Role.FUNDS,
        Role.CLEARING,
        (CounterMove("collected", -1), CounterMove("donor_count", -1, per_entry=True)),
        memos.DONATION_REVERSED,
    ),
    EntryKind.DISBURSEMENT_PAID: Movement(
        Role.FUNDS,
        Role.CLEARING,
        (CounterMove("paid_out", +1),),
        memos.DISBURSEMENT_PAID,
        memo_arg="purpose",
        needs_funds=True,
    ),
}


def _funds_signs() -> dict[str, int]:
    """How each amount counter enters the available funds, read off the table: a counter moved
    by an entry that credits the funds adds to them, one moved by a debit takes away."""
    signs: dict[str, int] = {}
    for movement in MOVEMENTS.values():
        into_funds = (
            +1 if movement.credit == Role.FUNDS else -1 if movement.debit == Role.FUNDS else 0
        )
        for move in movement.counters:
            if move.per_entry or into_funds == 0:
                continue
            sign = into_funds * move.sign
            if signs.setdefault(move.counter, sign) != sign:
                raise AssertionError(f"counter {move.counter} enters the funds with both signs")
    return signs


FUNDS_SIGNS = _funds_signs()
COUNTERS = tuple(dict.fromkeys(m.counter for mv in MOVEMENTS.values() for m in mv.counters))


def available_of(counters: Mapping[str, int]) -> int:
    """Dana tersedia from a campaign's stored counters, by the table's signs."""
    return sum(sign * counters[name] for name, sign in FUNDS_SIGNS.items())


def counter_deltas(*, kind: str, amount: int) -> dict[str, int]:
    return {
        move.counter: move.sign * (1 if move.per_entry else amount)
        for move in MOVEMENTS[kind].counters
    }


@dataclass(frozen=True)
class AccountSpec:
    code: str
    name: str
    kind: AccountKind


def campaign_accounts(*, campaign_id: int, clearing: AccountSpec) -> dict[Role, AccountSpec]:
    """The three accounts one campaign's money moves between; `clearing` comes from the
    gateway plugin the money travels through."""
    return {
        Role.CLEARING: clearing,
        Role.FUNDS: AccountSpec(
            codes.campaign_funds_code(campaign_id),
            f"Dana kampanye #{campaign_id}",
            AccountKind.LIABILITY,
        ),
        Role.FEES: AccountSpec(
            codes.campaign_fees_code(campaign_id),
            f"Biaya platform kampanye #{campaign_id}",
            AccountKind.INCOME,
        ),
    }


@dataclass(frozen=True)
class Line:
    """One movement to write: an entry of `kind` moving `amount` rupiah."""

    kind: str
    amount: int
    idempotency_key: str
    memo_value: str


class UnbalancedEntry(ValueError):
    pass


class InsufficientFunds(ValueError):
    pass


@dataclass
class Recorded:
    entries: list[JournalEntry] = field(default_factory=list)
    counters_moved: int = 0  # rows the counters' UPDATE matched (0: the guard refused it)


def accounts_lock(specs: Sequence[AccountSpec]) -> dict[str, LedgerAccount]:
    """Row-lock the accounts in id order, in one statement; create any that is missing first."""
    wanted = {spec.code: spec for spec in specs}
    locked = _select_locked(list(wanted))
    if len(locked) < len(wanted):
        for code, spec in wanted.items():
            if code not in locked:
                LedgerAccount.objects.get_or_create(
                    code=code,
                    defaults={
                        "name": spec.name,
                        "kind": spec.kind,
                        "campaign_id": codes.campaign_of(code),
                    },
                )
        locked = _select_locked(list(wanted))
    return locked


def _select_locked(account_codes: list[str]) -> dict[str, LedgerAccount]:
    rows = LedgerAccount.objects.select_for_update().filter(code__in=account_codes).order_by("pk")
    return {account.code: account for account in rows}


def movement_record(
    *,
    lines: Sequence[Line],
    accounts: Mapping[Role, AccountSpec],
    counters_on: models.QuerySet | None,
    campaign_id: int | None,
    donation_id: int | None = None,
) -> Recorded:
    """Write the movements in `lines` (zero amounts skipped) as one journal entry each.

    In the caller's transaction: lock the accounts, insert every entry and every posting in
    bulk, move each account's balance once by its net change (one UPDATE), then move the
    counters of `counters_on` (the campaign row, or a guarded queryset of it) by the table.
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError(
            "movements must be written in the transaction of the change they explain"
        )
    lines = [line for line in lines if line.amount != 0]
    for line in lines:
        if not isinstance(line.amount, int) or line.amount < 0:
            raise UnbalancedEntry("a movement moves a positive integer of rupiah")
    if not lines:
        return Recorded()
    roles = dict.fromkeys(
        r for ln in lines for r in (MOVEMENTS[ln.kind].debit, MOVEMENTS[ln.kind].credit)
    )
    locked = accounts_lock([accounts[role] for role in roles])
    by_role = {role: locked[accounts[role].code] for role in roles}

    deltas: dict[int, int] = defaultdict(int)
    for line in lines:
        movement = MOVEMENTS[line.kind]
        deltas[by_role[movement.debit].pk] += line.amount
        deltas[by_role[movement.credit].pk] -= line.amount
        if movement.needs_funds and -by_role[Role.FUNDS].balance - line.amount < 0:
            raise InsufficientFunds("available funds do not cover this movement")

    entries = JournalEntry.objects.bulk_create(
        [
            JournalEntry(
                kind=line.kind,
                memo=(MOVEMENTS[line.kind].memo % {MOVEMENTS[line.kind].memo_arg: line.memo_value})[
                    :300
                ],
                idempotency_key=line.idempotency_key,
                campaign_id=campaign_id,
                donation_id=donation_id,
            )
            for line in lines
        ]
    )
    Posting.objects.bulk_create(
        [
            Posting(entry=entry, account=by_role[role], amount=sign * line.amount)
            for entry, line in zip(entries, lines, strict=True)
            for role, sign in ((MOVEMENTS[line.kind].debit, +1), (MOVEMENTS[line.kind].credit, -1))
        ]
    )
    moved = {pk: delta for pk, delta in deltas.items() if delta}
    if moved:
        LedgerAccount.objects.filter(pk__in=moved).update(
            balance=F("balance")
            + Case(
                *(When(pk=pk, then=Value(delta)) for pk, delta in moved.items()),
                output_field=models.BigIntegerField(),
            )
        )
    for account in by_role.values():
        account.balance += moved.get(account.pk, 0)
    recorded = Recorded(entries=entries)
    if counters_on is not None:
        recorded.counters_moved = counters_apply(lines=lines, counters_on=counters_on)
    return recorded


def counters_apply(*, lines: Sequence[Line], counters_on: models.QuerySet) -> int:
    """Move the counters of `counters_on` by `lines`, in one UPDATE; returns the rows matched.
    `movement_record` calls it; so does a caller whose guarded queryset matched nothing there
    (a settlement into a campaign closed meanwhile), with the unguarded row."""
    changes: dict[str, int] = defaultdict(int)
    for line in lines:
        for name, delta in counter_deltas(kind=line.kind, amount=line.amount).items():
            changes[name] += delta
    return counters_on.update(**{name: F(name) + d for name, d in changes.items() if d})
