"""Money movements: the one table every writer and reader of money shares, and its one writer.

Each `EntryKind` is one row of `MOVEMENTS`: which of a campaign's accounts it debits and credits
and which stored counters of the campaign it moves. `movement_record` is the only code that
writes journal entries, postings, account balances and campaign counters; `verify_ledger`,
`Campaign.available` and the public ledger read the same table (decision 17).

Lock order, the same for every writer: first the business row the caller locked (donation,
disbursement), then, inside `movement_record`, the accounts in id order (one statement), then
the counters' row (one UPDATE, last, because it is the hottest). Entries and postings are
inserted before the accounts are locked, so the hot rows are held for two statements and the
commit (decision 19).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

from django.db import models, transaction
from django.utils import timezone

from gotong.core import rows
from gotong.ledger import codes, memos
from gotong.ledger.models import (
    AccountKind,
    EntryKind,
    FlowMonth,
    JournalEntry,
    LedgerAccount,
    Posting,
)


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


@dataclass(frozen=True)
class CountersRow:
    """The row whose stored counters a movement moves (a campaign), by primary key; with
    `guard`, only while its field `guard[0]` is not `guard[1]` (a campaign not closed)."""

    model: type[models.Model]
    pk: int
    guard: tuple[str, object] | None = None

    def unless(self, name: str, value: object) -> CountersRow:
        return CountersRow(self.model, self.pk, (name, value))


@dataclass
class Recorded:
    entries: list[JournalEntry] = field(default_factory=list)
    counters_moved: int = 0  # rows the counters' UPDATE matched (0: the guard refused it)


def accounts_lock(specs: Sequence[AccountSpec]) -> dict[str, LedgerAccount]:
    """Row-lock the accounts in id order, in one statement; create any that is missing first.
    For a movement that must read a balance before it writes (`needs_funds`), and for tools."""
    _accounts_ensure(specs)
    rows = (
        LedgerAccount.objects.select_for_update(no_key=True)
        .filter(code__in=[spec.code for spec in specs])
        .order_by("pk")
    )
    return {account.code: account for account in rows}


def _accounts_ensure(specs: Sequence[AccountSpec]) -> None:
    """Create the accounts that do not exist yet, in one statement that locks nothing: an
    existing account is skipped before it costs an id, and two first movements of a campaign
    at once create each account once (ON CONFLICT)."""
    table = LedgerAccount._meta.db_table
    rows = ", ".join(["(%s, %s, %s, %s)"] * len(specs))
    _execute(
        f"INSERT INTO {table} (code, name, kind, campaign_id, balance) "
        "SELECT v.column1, v.column2, v.column3, CAST(v.column4 AS BIGINT), 0 "
        f"FROM (VALUES {rows}) AS v "
        f"WHERE NOT EXISTS (SELECT 1 FROM {table} a WHERE a.code = v.column1) "
        "ON CONFLICT (code) DO NOTHING",
        [p for s in specs for p in (s.code, s.name, str(s.kind), codes.campaign_of(s.code))],
    )


def _execute(sql: str, params: Sequence[object]) -> list[tuple]:
    with transaction.get_connection().cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall() if cursor.description else []


def movement_record(
    *,
    lines: Sequence[Line],
    accounts: Mapping[Role, AccountSpec],
    counters_on: CountersRow | None,
    campaign_id: int | None,
    donation_id: int | None = None,
) -> Recorded:
    """Write the movements in `lines` (zero amounts skipped) as one journal entry each.

    In the caller's transaction: create any missing account, insert every entry and every
    posting in bulk, then take the hot rows last and briefly: move each account's balance by
    its net change in one UPDATE that locks them in id order, then the counters of
    `counters_on` (the campaign row, guarded or not) by the table (decision 19).
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
    specs = [accounts[role] for role in roles]
    if any(MOVEMENTS[line.kind].needs_funds for line in lines):
        funds = -accounts_lock(specs)[accounts[Role.FUNDS].code].balance
        for line in lines:
            funds += _funds_change(line, Role.FUNDS)
            if funds < 0:
                raise InsufficientFunds("available funds do not cover this movement")
    else:
        _accounts_ensure(specs)

    entries = _entries_insert(lines, campaign_id=campaign_id, donation_id=donation_id)
    legs = [
        (entry.pk, accounts[role].code, sign * line.amount)
        for entry, line in zip(entries, lines, strict=True)
        for role, sign in ((MOVEMENTS[line.kind].debit, +1), (MOVEMENTS[line.kind].credit, -1))
    ]
    posting_table, account_table = Posting._meta.db_table, LedgerAccount._meta.db_table
    _execute(
        f"INSERT INTO {posting_table} (entry_id, account_id, amount) VALUES "
        + ", ".join([f"(%s, (SELECT id FROM {account_table} WHERE code = %s), %s)"] * len(legs)),
        [p for leg in legs for p in leg],
    )
    deltas: dict[str, int] = defaultdict(int)
    for _entry, code, amount in legs:
        deltas[code] += amount
    _balances_move({code: delta for code, delta in deltas.items() if delta})
    recorded = Recorded(entries=entries)
    if counters_on is not None:
        _flows_add(lines, month=month_of(entries[0].created_at), campaign_id=counters_on.pk)
        recorded.counters_moved = counters_apply(lines=lines, counters_on=counters_on)
    return recorded


def _funds_change(line: Line, role: Role) -> int:
    """How `line` moves the available funds held on `role`'s account (credit adds)."""
    movement = MOVEMENTS[line.kind]
    return line.amount * ((movement.credit == role) - (movement.debit == role))


def _entries_insert(
    lines: Sequence[Line], *, campaign_id: int | None, donation_id: int | None
) -> list[JournalEntry]:
    """One INSERT … RETURNING id for every entry, in the order of `lines`."""
    connection = transaction.get_connection()
    created_at = timezone.now()
    entries = [
        JournalEntry(
            created_at=created_at,
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
    stamp = connection.ops.adapt_datetimefield_value(created_at)
    rows = _execute(
        f"INSERT INTO {JournalEntry._meta.db_table} "
        "(created_at, kind, memo, idempotency_key, campaign_id, donation_id) VALUES "
        + ", ".join(["(%s, %s, %s, %s, %s, %s)"] * len(entries))
        + " RETURNING id",
        [
            p
            for e in entries
            for p in (stamp, str(e.kind), e.memo, e.idempotency_key, campaign_id, donation_id)
        ],
    )
    for entry, (pk,) in zip(entries, rows, strict=True):
        entry.pk = pk
        entry._state.adding, entry._state.db = False, connection.alias
    return entries


def _balances_move(moved: Mapping[str, int]) -> None:
    """Each account's balance by its net change, in one UPDATE whose subquery locks the rows
    in id order (FOR NO KEY UPDATE: the postings' foreign keys hold KEY SHARE on them)."""
    if not moved:
        return
    connection = transaction.get_connection()
    table = LedgerAccount._meta.db_table
    lock = (
        " " + connection.ops.for_update_sql(no_key=True)
        if connection.features.has_select_for_update
        else ""
    )
    cases = " ".join(["WHEN %s THEN CAST(%s AS BIGINT)"] * len(moved))
    marks = ", ".join(["%s"] * len(moved))
    _execute(
        f"UPDATE {table} SET balance = balance + CASE code {cases} END "
        f"WHERE id IN (SELECT id FROM {table} WHERE code IN ({marks}) ORDER BY id{lock})",
        [p for item in moved.items() for p in item] + list(moved),
    )


def month_of(moment: datetime) -> date:
    """The calendar month (first day, in TIME_ZONE) a movement counts in for open data."""
    return timezone.localtime(moment).date().replace(day=1)


def _flows_add(lines: Sequence[Line], *, month: date, campaign_id: int) -> None:
    """Add the lines' counter deltas to the campaign's row of `month` in one upsert. The row
    is the campaign's own, so it is hot only for the settlements that already queue for the
    campaign row; it is taken between the accounts and the campaign row (decision 36)."""
    changes: dict[str, int] = dict.fromkeys(COUNTERS, 0)
    for line in lines:
        for name, delta in counter_deltas(kind=line.kind, amount=line.amount).items():
            changes[name] += delta
    columns = ", ".join(COUNTERS)
    adds = ", ".join(
        f"{name} = {FlowMonth._meta.db_table}.{name} + excluded.{name}" for name in COUNTERS
    )
    stamp = transaction.get_connection().ops.adapt_datefield_value(month)
    _execute(
        f"INSERT INTO {FlowMonth._meta.db_table} (month, campaign_id, {columns}) "
        f"VALUES (%s, %s{', %s' * len(COUNTERS)}) "
        f"ON CONFLICT (month, campaign_id) DO UPDATE SET {adds}",
        [stamp, campaign_id, *(changes[name] for name in COUNTERS)],
    )


def counters_apply(*, lines: Sequence[Line], counters_on: CountersRow) -> int:
    """Move the counters of `counters_on` by `lines`, in one UPDATE; returns the rows matched.
    `movement_record` calls it; so does a caller whose guarded row matched nothing there
    (a settlement into a campaign closed meanwhile), with the unguarded row."""
    changes: dict[str, int] = defaultdict(int)
    for line in lines:
        for name, delta in counter_deltas(kind=line.kind, amount=line.amount).items():
            changes[name] += delta
    return rows.row_update(
        model=counters_on.model,
        pk=counters_on.pk,
        increments={name: d for name, d in changes.items() if d},
        unless=counters_on.guard,
    )
