"""Reads over the journal: the journal's own consistency, by the movement table.

`journal_verify` checks what the ledger alone can know: every entry balances and has the shape
its row of `MOVEMENTS` gives it (a debit on one role's account, a credit on another's, of the
same campaign); every stored balance equals the sum of its postings. It returns what each
campaign's counters and funds must be, recomputed from the entries, for the checks above it
(`donations.books.ledger_verify`).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Sum

from gotong.ledger import codes
from gotong.ledger.models import FlowMonth, JournalEntry, LedgerAccount, Posting
from gotong.ledger.movements import COUNTERS, MOVEMENTS, Role, counter_deltas, month_of


@dataclass
class LedgerReport:
    entries: int = 0
    postings: int = 0
    accounts: int = 0
    campaigns: int = 0
    settled_donations: int = 0
    total_settled: int = 0
    total_fees: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass
class JournalFacts:
    """What the entries say, per campaign and per donation."""

    counters: dict[int, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    funds: dict[int, int] = field(default_factory=lambda: defaultdict(int))  # available
    donation_kinds: dict[int, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    donation_amounts: dict[tuple[int, str], int] = field(default_factory=lambda: defaultdict(int))
    # Open data's rollup as it must be: per (month, campaign), the counters' sums (decision 36).
    flows: dict[tuple[date, int], Counter[str]] = field(
        default_factory=lambda: defaultdict(Counter)
    )


def _role_of(code: str, campaign_id: int | None) -> Role | None:
    """The role an account plays for a campaign's entry; None when it is not that campaign's."""
    if campaign_id is None:
        return None
    if code == codes.campaign_funds_code(campaign_id):
        return Role.FUNDS
    if code in (codes.campaign_fees_code(campaign_id), codes.LEGACY_FEES):
        return Role.FEES
    if code == codes.LEGACY_CLEARING or (
        code.startswith(codes.CLEARING_PREFIX)
        and ":clearing:" in code
        and codes.campaign_of(code) == campaign_id
    ):
        return Role.CLEARING
    return None


def _check_accounts(report: LedgerReport) -> None:
    sums = dict(
        Posting.objects.values("account_id")
        .annotate(s=Sum("amount"))
        .values_list("account_id", "s")
    )
    for account in LedgerAccount.objects.all():
        report.accounts += 1
        if account.balance != sums.get(account.pk, 0):
            report.problems.append(
                f"account {account.code}: stored balance {account.balance}, "
                f"postings sum to {sums.get(account.pk, 0)}"
            )


def journal_verify(report: LedgerReport) -> JournalFacts:
    """Check every entry against its movement and every balance; return the recomputed facts."""
    facts = JournalFacts()
    postings: dict[int, list[tuple[str, int]]] = defaultdict(list)
    for posted_to, code, posted in Posting.objects.order_by("entry_id", "id").values_list(
        "entry_id", "account__code", "amount"
    ):
        postings[posted_to].append((code, posted))
        report.postings += 1
    entries = JournalEntry.objects.order_by("id").values_list(
        "id", "kind", "campaign_id", "donation_id", "created_at"
    )
    for entry_id, kind, campaign_id, donation_id, created_at in entries:
        report.entries += 1
        legs = postings.get(entry_id, [])
        moved = _check_entry(report, entry_id, kind, campaign_id, legs)
        if moved is None or campaign_id is None:
            continue
        amount = moved
        for name, delta in counter_deltas(kind=kind, amount=amount).items():
            facts.counters[campaign_id][name] += delta
            facts.flows[(month_of(created_at), campaign_id)][name] += delta
        movement = MOVEMENTS[kind]
        facts.funds[campaign_id] += (
            amount
            if movement.credit == Role.FUNDS
            else -amount
            if movement.debit == Role.FUNDS
            else 0
        )
        if donation_id is not None:
            facts.donation_kinds[donation_id][kind] += 1
            facts.donation_amounts[(donation_id, kind)] += amount
    _check_accounts(report)
    _check_flows(report, facts)
    return facts


def _check_flows(report: LedgerReport, facts: JournalFacts) -> None:
    """Every stored month of a campaign equals the sums of its entries of that month."""
    stored = {
        (row["month"], row["campaign_id"]): row
        for row in FlowMonth.objects.values("month", "campaign_id", *COUNTERS)
    }
    for key in sorted(set(stored) | set(facts.flows)):
        row = stored.get(key, {})
        for name in COUNTERS:
            if row.get(name, 0) != facts.flows[key][name]:
                report.problems.append(
                    f"open data {key[0]:%Y-%m} campaign #{key[1]}: {name} "
                    f"{row.get(name, 0)}, ledger {facts.flows[key][name]}"
                )


def _check_entry(
    report: LedgerReport,
    entry_id: int,
    kind: str,
    campaign_id: int | None,
    legs: list[tuple[str, int]],
) -> int | None:
    """The amount the entry moves, when it has its movement's shape; else None, with why."""
    if sum(amount for _code, amount in legs) != 0:
        report.problems.append(f"entry #{entry_id} does not balance")
        return None
    movement = MOVEMENTS.get(kind)
    if movement is None:
        report.problems.append(f"entry #{entry_id}: kind {kind} is not in the movement table")
        return None
    if len(legs) != 2:
        report.problems.append(f"entry #{entry_id} has {len(legs)} posting(s), not 2")
        return None
    (debit_code, debit), (credit_code, _credit) = sorted(legs, key=lambda leg: -leg[1])
    roles = (_role_of(debit_code, campaign_id), _role_of(credit_code, campaign_id))
    if roles != (movement.debit, movement.credit):
        report.problems.append(
            f"entry #{entry_id} ({kind}) moves {debit_code} → {credit_code}, "
            f"not {movement.debit} → {movement.credit} of campaign #{campaign_id}"
        )
        return None
    return debit
