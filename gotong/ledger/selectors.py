"""Reads over the ledger, including the full consistency check behind `verify_ledger`."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Sum

from gotong.campaigns.models import Campaign
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
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def ledger_verify() -> LedgerReport:
    """Recompute every balance and counter from the postings and compare with what is stored."""
    report = LedgerReport()

    # 1. Every entry balances and has at least two postings.
    per_entry = Posting.objects.values("entry_id").annotate(total=Sum("amount"), n=Count("id"))
    posted_entries = set()
    for row in per_entry:
        posted_entries.add(row["entry_id"])
        report.postings += row["n"]
        if row["total"] != 0:
            report.problems.append(f"entry #{row['entry_id']} does not balance: {row['total']:+d}")
        if row["n"] < 2:
            report.problems.append(f"entry #{row['entry_id']} has {row['n']} posting(s)")
    entry_ids = set(JournalEntry.objects.values_list("id", flat=True))
    report.entries = len(entry_ids)
    for missing in sorted(entry_ids - posted_entries):
        report.problems.append(f"entry #{missing} has no postings")

    # 2. Each account's stored balance equals the sum of its postings.
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

    # 3. Each settled donation has exactly one settlement entry crediting its campaign.
    credited: dict[int, int] = defaultdict(int)  # donation id -> amount credited to campaign funds
    entries_per_donation: dict[int, int] = defaultdict(int)
    donation_postings = Posting.objects.filter(
        entry__kind=EntryKind.DONATION_SETTLED, account__code__startswith="campaign:"
    ).values_list("entry__donation_id", "entry__campaign_id", "account__code", "amount")
    per_campaign_collected: dict[int, int] = defaultdict(int)
    per_campaign_count: dict[int, int] = defaultdict(int)
    for donation_id, campaign_id, code, amount in donation_postings:
        if code != ledger_accounts.campaign_funds_code(campaign_id):
            report.problems.append(f"donation #{donation_id} credited {code}, not its campaign")
        credited[donation_id] += -amount
        entries_per_donation[donation_id] += 1
        per_campaign_collected[campaign_id] += -amount
        per_campaign_count[campaign_id] += 1
    settled = Donation.objects.filter(status=DonationStatus.SETTLED).values_list(
        "id", "order_id", "amount"
    )
    settled_ids = set()
    for donation_id, order_id, amount in settled:
        settled_ids.add(donation_id)
        report.settled_donations += 1
        report.total_settled += amount
        booked = entries_per_donation.get(donation_id, 0)
        if booked != 1:
            report.problems.append(f"donation {order_id}: {booked} settlement entries")
        elif credited[donation_id] != amount:
            report.problems.append(
                f"donation {order_id}: amount {amount}, ledger {credited[donation_id]}"
            )
    for stray in sorted(set(entries_per_donation) - settled_ids):
        report.problems.append(f"donation #{stray} has a settlement entry but is not settled")

    # 4. Campaign counters equal what the ledger says.
    for campaign_id, collected, donor_count in Campaign.objects.values_list(
        "id", "collected", "donor_count"
    ):
        report.campaigns += 1
        if collected != per_campaign_collected.get(campaign_id, 0):
            report.problems.append(
                f"campaign #{campaign_id}: collected {collected}, "
                f"ledger {per_campaign_collected.get(campaign_id, 0)}"
            )
        if donor_count != per_campaign_count.get(campaign_id, 0):
            report.problems.append(
                f"campaign #{campaign_id}: donor_count {donor_count}, "
                f"ledger {per_campaign_count.get(campaign_id, 0)}"
            )
    return report
