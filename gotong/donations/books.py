"""`verify_ledger`: the whole books, recomputed from the journal and compared with what is
stored: the journal's own checks (`ledger.selectors.journal_verify`), every campaign's
counters and funds, and every donation's entries against its status in the transition table.
"""

from __future__ import annotations

from collections import Counter

from gotong.campaigns.models import Campaign
from gotong.donations.fees import BASIS_POINTS, CEILING_BASIS_POINTS
from gotong.donations.models import Donation, DonationStatus
from gotong.donations.transitions import entries_expected
from gotong.ledger import codes
from gotong.ledger.models import EntryKind, LedgerAccount
from gotong.ledger.movements import COUNTERS, available_of
from gotong.ledger.selectors import JournalFacts, LedgerReport, journal_verify

_AMOUNT_OF: dict[str, str] = {
    EntryKind.DONATION_SETTLED: "amount",
    EntryKind.DONATION_REFUNDED: "amount",
    EntryKind.DONATION_REVERSED: "amount",
    EntryKind.PLATFORM_FEE: "fee",
    EntryKind.FEE_REVERSED: "fee",
}


def _check_campaigns(report: LedgerReport, facts: JournalFacts) -> None:
    """Stored counters equal the entries' sums; available funds equal the funds account."""
    funds_balances = dict(
        LedgerAccount.objects.filter(
            code__startswith=codes.FUNDS_PREFIX, campaign__isnull=False
        ).values_list("campaign_id", "balance")
    )
    for row in Campaign.objects.values("id", *COUNTERS):
        report.campaigns += 1
        campaign_id = row["id"]
        for name in COUNTERS:
            ledger = facts.counters[campaign_id][name]
            if row[name] != ledger:
                report.problems.append(
                    f"campaign #{campaign_id}: {name} {row[name]}, ledger {ledger}"
                )
        available = available_of(row)
        for source, value in (
            ("entries", facts.funds[campaign_id]),
            ("funds account", -funds_balances.get(campaign_id, 0)),
        ):
            if available != value:
                report.problems.append(
                    f"campaign #{campaign_id}: available {available}, {source} {value}"
                )


def _check_donations(report: LedgerReport, facts: JournalFacts) -> None:
    """Each donation has exactly the entries its status implies, each of the right amount."""
    seen = set()
    for donation_id, order_id, amount, fee, status in Donation.objects.values_list(
        "id", "order_id", "amount", "fee", "status"
    ):
        seen.add(donation_id)
        expected = Counter(entries_expected(status=status, fee=fee))
        if facts.donation_kinds.get(donation_id, Counter()) != expected:
            report.problems.append(
                f"donation {order_id} ({status}): entries "
                f"{dict(facts.donation_kinds.get(donation_id, {}))}, expected {dict(expected)}"
            )
            continue
        values = {"amount": amount, "fee": fee}
        for kind in expected:
            booked = facts.donation_amounts[(donation_id, kind)]
            if booked != values[_AMOUNT_OF[kind]]:
                report.problems.append(
                    f"donation {order_id}: {kind} {booked}, expected {values[_AMOUNT_OF[kind]]}"
                )
        if status == DonationStatus.SETTLED:
            report.settled_donations += 1
            report.total_settled += amount
            report.total_fees += fee
        if fee * BASIS_POINTS > amount * CEILING_BASIS_POINTS:
            report.problems.append(f"donation {order_id}: fee {fee} exceeds 10% of {amount}")
    for stray in sorted(set(facts.donation_kinds) - seen):
        report.problems.append(f"donation #{stray} has ledger entries but no donation row")


def ledger_verify() -> LedgerReport:
    """Recompute every balance and counter from the postings and compare with what is stored."""
    report = LedgerReport()
    facts = journal_verify(report)
    _check_campaigns(report, facts)
    _check_donations(report, facts)
    return report
