"""Reads over the ledger, including the full consistency check behind `verify_ledger`."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Sum

from gotong.campaigns.models import Campaign
from gotong.donations.fees import BASIS_POINTS, CEILING_BASIS_POINTS
from gotong.donations.models import Donation, DonationStatus
from gotong.ledger import accounts as ledger_accounts
from gotong.ledger.models import EntryKind, JournalEntry, LedgerAccount, Posting


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
class _CampaignFlows:
    """What the ledger says each donation and campaign received, recomputed from postings."""

    credited: dict[int, int] = field(default_factory=lambda: defaultdict(int))
    settlements: dict[int, int] = field(default_factory=lambda: defaultdict(int))
    fees: dict[int, int] = field(default_factory=lambda: defaultdict(int))
    collected: dict[int, int] = field(default_factory=lambda: defaultdict(int))
    donors: dict[int, int] = field(default_factory=lambda: defaultdict(int))
    campaign_fees: dict[int, int] = field(default_factory=lambda: defaultdict(int))
    paid_out: dict[int, int] = field(default_factory=lambda: defaultdict(int))
    refunds: dict[int, int] = field(default_factory=lambda: defaultdict(int))  # by donation
    campaign_refunded: dict[int, int] = field(default_factory=lambda: defaultdict(int))


def _check_entries(report: LedgerReport) -> None:
    """Every entry balances and has at least two postings."""
    per_entry = Posting.objects.values("entry_id").annotate(total=Sum("amount"), n=Count("id"))
    posted = set()
    for row in per_entry:
        posted.add(row["entry_id"])
        report.postings += row["n"]
        if row["total"] != 0:
            report.problems.append(f"entry #{row['entry_id']} does not balance: {row['total']:+d}")
        if row["n"] < 2:
            report.problems.append(f"entry #{row['entry_id']} has {row['n']} posting(s)")
    entry_ids = set(JournalEntry.objects.values_list("id", flat=True))
    report.entries = len(entry_ids)
    for missing in sorted(entry_ids - posted):
        report.problems.append(f"entry #{missing} has no postings")


def _check_accounts(report: LedgerReport) -> dict[str, int]:
    """Each stored balance equals the sum of its postings. Returns balances by account code."""
    sums = dict(
        Posting.objects.values("account_id")
        .annotate(s=Sum("amount"))
        .values_list("account_id", "s")
    )
    balances = {}
    for account in LedgerAccount.objects.all():
        report.accounts += 1
        balances[account.code] = account.balance
        if account.balance != sums.get(account.pk, 0):
            report.problems.append(
                f"account {account.code}: stored balance {account.balance}, "
                f"postings sum to {sums.get(account.pk, 0)}"
            )
    return balances


def _campaign_flows(report: LedgerReport) -> _CampaignFlows:
    flows = _CampaignFlows()
    rows = Posting.objects.filter(
        entry__kind__in=[
            EntryKind.DONATION_SETTLED,
            EntryKind.PLATFORM_FEE,
            EntryKind.DISBURSEMENT_PAID,
            EntryKind.FEE_REVERSED,
            EntryKind.DONATION_REFUNDED,
        ],
        account__code__startswith="campaign:",
    ).values_list(
        "entry__kind", "entry__donation_id", "entry__campaign_id", "account__code", "amount"
    )
    for kind, donation_id, campaign_id, code, amount in rows:
        if code != ledger_accounts.campaign_funds_code(campaign_id):
            report.problems.append(f"entry for campaign #{campaign_id} booked on {code}")
        if kind == EntryKind.DISBURSEMENT_PAID:
            flows.paid_out[campaign_id] += amount
        elif kind == EntryKind.DONATION_REFUNDED:
            flows.refunds[donation_id] += amount
            flows.campaign_refunded[campaign_id] += amount
        elif kind == EntryKind.DONATION_SETTLED:
            flows.credited[donation_id] += -amount
            flows.settlements[donation_id] += 1
            flows.collected[campaign_id] += -amount
            flows.donors[campaign_id] += 1
        else:  # platform fee (debit) or its reversal (credit)
            flows.fees[donation_id] += amount
            flows.campaign_fees[campaign_id] += amount
    return flows


def _check_donations(report: LedgerReport, flows: _CampaignFlows) -> None:
    """Each settled donation has exactly one settlement entry and its fee, within the ceiling."""
    settled_ids = set()
    settled = Donation.objects.filter(
        status__in=[DonationStatus.SETTLED, DonationStatus.REFUNDED]
    ).values_list("id", "order_id", "amount", "fee", "status")
    for donation_id, order_id, amount, fee, status in settled:
        refunded = status == DonationStatus.REFUNDED
        if flows.refunds.get(donation_id, 0) != (amount if refunded else 0):
            report.problems.append(
                f"donation {order_id} ({status}): refunded in ledger "
                f"{flows.refunds.get(donation_id, 0)}"
            )
        settled_ids.add(donation_id)
        report.settled_donations += 1
        report.total_settled += amount
        report.total_fees += fee
        booked = flows.settlements.get(donation_id, 0)
        if booked != 1:
            report.problems.append(f"donation {order_id}: {booked} settlement entries")
        elif flows.credited[donation_id] != amount:
            report.problems.append(
                f"donation {order_id}: amount {amount}, ledger {flows.credited[donation_id]}"
            )
        net_fee = 0 if refunded else fee
        if flows.fees.get(donation_id, 0) != net_fee:
            report.problems.append(
                f"donation {order_id}: fee {net_fee}, ledger {flows.fees.get(donation_id, 0)}"
            )
        if fee * BASIS_POINTS > amount * CEILING_BASIS_POINTS:
            report.problems.append(f"donation {order_id}: fee {fee} exceeds 10% of {amount}")
    with_entries = set(flows.settlements) | set(flows.fees) | set(flows.refunds)
    for stray in sorted(with_entries - settled_ids):
        report.problems.append(f"donation #{stray} has ledger entries but is not settled")


def _check_campaigns(report: LedgerReport, flows: _CampaignFlows, balances: dict[str, int]) -> None:
    """Stored counters equal the ledger; available = collected - fees - paid out - refunds, which
    must also be the campaign funds account's balance."""
    rows = Campaign.objects.values_list(
        "id", "collected", "donor_count", "fees", "paid_out", "refunded"
    )
    for campaign_id, collected, donor_count, fees, paid_out, refunded in rows:
        report.campaigns += 1
        expected = {
            "collected": (collected, flows.collected.get(campaign_id, 0)),
            "donor_count": (donor_count, flows.donors.get(campaign_id, 0)),
            "fees": (fees, flows.campaign_fees.get(campaign_id, 0)),
            "paid_out": (paid_out, flows.paid_out.get(campaign_id, 0)),
            "refunded": (refunded, flows.campaign_refunded.get(campaign_id, 0)),
            "available": (
                collected - fees - paid_out - refunded,
                -balances.get(ledger_accounts.campaign_funds_code(campaign_id), 0),
            ),
        }
        for name, (stored, ledger) in expected.items():
            if stored != ledger:
                report.problems.append(f"campaign #{campaign_id}: {name} {stored}, ledger {ledger}")


def ledger_verify() -> LedgerReport:
    """Recompute every balance and counter from the postings and compare with what is stored."""
    report = LedgerReport()
    _check_entries(report)
    balances = _check_accounts(report)
    flows = _campaign_flows(report)
    _check_donations(report, flows)
    _check_campaigns(report, flows, balances)
    return report
