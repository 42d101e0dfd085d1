"""The public ledger: every movement of a campaign's funds, as anyone may read it.

Rows come from the postings on the campaign's funds account, in entry order, with a running
balance. Donor names are the public ones ("Orang Baik" for anonymous donors); nothing private
(email, payment details) ever appears.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from dataclasses import dataclass

from django.db.models import Count, Sum
from django.utils.translation import gettext as _

from gotong.campaigns.models import Campaign, CampaignStatus
from gotong.donations.models import Donation
from gotong.ledger import codes
from gotong.ledger.memos import memo_display
from gotong.ledger.models import EntryKind, Posting


@dataclass(frozen=True)
class LedgerRow:
    entry_id: int
    time: datetime.datetime
    kind: str
    description: str
    order_id: str
    amount: int  # into the campaign's funds positive, out negative
    balance: int  # available funds after this row

    def as_dict(self) -> dict[str, object]:
        return {
            "entry_id": self.entry_id,
            "time": self.time.isoformat(),
            "kind": self.kind,
            "description": self.description,
            "order_id": self.order_id,
            "amount": self.amount,
            "balance": self.balance,
        }


def _describe(kind: str, donation: Donation | None, memo: str) -> str:
    if kind == EntryKind.DONATION_SETTLED and donation is not None:
        return _("Donasi dari %(name)s") % {"name": donation.public_name}
    if kind == EntryKind.PLATFORM_FEE:
        return _("Biaya platform")
    return memo_display(kind, memo)


def campaign_ledger_rows(*, campaign: Campaign) -> Iterator[LedgerRow]:
    """Every posting on the campaign's funds account, oldest first, with a running balance."""
    postings = (
        Posting.objects.filter(account__code=codes.campaign_funds_code(campaign.pk))
        .select_related("entry", "entry__donation")
        .order_by("entry_id", "id")
    )
    balance = 0
    for posting in postings.iterator(chunk_size=2000):
        entry = posting.entry
        amount = -posting.amount  # a credit to the funds (liability) account is money in
        balance += amount
        yield LedgerRow(
            entry_id=entry.pk,
            time=entry.created_at,
            kind=entry.kind,
            description=_describe(entry.kind, entry.donation, entry.memo),
            order_id=entry.donation.order_id if entry.donation else "",
            amount=amount,
            balance=balance,
        )


@dataclass(frozen=True)
class PlatformTotals:
    campaigns: int
    donations: int
    collected: int
    fees: int
    paid_out: int
    refunded: int
    available: int


def platform_totals() -> PlatformTotals:
    """Totals over the stored campaign counters (the page caches this)."""
    totals = Campaign.objects.exclude(status=CampaignStatus.DRAFT).aggregate(
        campaigns=Count("id"),
        donations=Sum("donor_count"),
        collected=Sum("collected"),
        fees=Sum("fees"),
        paid_out=Sum("paid_out"),
        refunded=Sum("refunded"),
    )
    collected, fees, paid_out, refunded = (
        totals[k] or 0 for k in ("collected", "fees", "paid_out", "refunded")
    )
    return PlatformTotals(
        campaigns=totals["campaigns"] or 0,
        donations=totals["donations"] or 0,
        collected=collected,
        fees=fees,
        paid_out=paid_out,
        refunded=refunded,
        # As Campaign.available, summed: what the campaigns' funds accounts hold.
        available=collected - fees - paid_out - refunded,
    )
