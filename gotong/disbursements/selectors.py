from __future__ import annotations

import datetime
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, cast

from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone

from gotong.campaigns.models import PUBLIC_STATUSES, Campaign
from gotong.disbursements.models import Disbursement, DisbursementStatus, UsageReceipt


def disbursements_overdue(
    *, campaign: Campaign, now: datetime.datetime | None = None
) -> list[Disbursement]:
    """Paid disbursements whose report of use is later than USAGE_REPORT_DAYS."""
    cutoff = (now or timezone.now()) - datetime.timedelta(days=settings.USAGE_REPORT_DAYS)
    return list(
        Disbursement.objects.filter(
            campaign=campaign,
            status=DisbursementStatus.PAID,
            paid_at__lt=cutoff,
            usage_report__isnull=True,
        ).order_by("paid_at")
    )


def disbursements_paid(*, campaign: Campaign) -> QuerySet[Disbursement]:
    """Paid disbursements with their reports of use, for the public ledger page."""
    return (
        Disbursement.objects.filter(campaign=campaign, status=DisbursementStatus.PAID)
        .select_related("usage_report")
        .prefetch_related("usage_report__receipts")
        .order_by("paid_at")
    )


@dataclass(frozen=True)
class PayoutStep:
    """One paid disbursement as the campaign page shows it: what left, when, for what, and
    its report of use. Public facts only (no bank account, holder or people)."""

    amount: int
    paid_at: datetime.datetime
    purpose: str
    report_text: str
    report_at: datetime.datetime | None
    receipts: tuple[UsageReceipt, ...]
    report_due: datetime.date
    overdue: bool


def disbursements_timeline(
    *, campaign: Campaign, now: datetime.datetime | None = None
) -> list[PayoutStep]:
    """The campaign page's "Pencairan dana" timeline, oldest first: two queries however many
    disbursements (one when there are none)."""
    now = now or timezone.now()
    days = datetime.timedelta(days=settings.USAGE_REPORT_DAYS)
    steps = []
    for d in disbursements_paid(campaign=campaign):
        assert d.paid_at is not None  # every paid disbursement has its time
        report = getattr(d, "usage_report", None)
        steps.append(
            PayoutStep(
                amount=d.amount,
                paid_at=d.paid_at,
                purpose=d.purpose,
                report_text=report.text if report else "",
                report_at=report.created_at if report else None,
                receipts=tuple(report.receipts.all()) if report else (),
                report_due=timezone.localdate(d.paid_at + days),
                overdue=report is None and d.paid_at + days < now,
            )
        )
    return steps


def receipt_get_public(*, slug: str, pk: int) -> UsageReceipt | None:
    """A photo receipt of a report of use on a public campaign (what its thumbnail shows)."""
    return UsageReceipt.objects.filter(
        pk=pk,
        content_type="image/jpeg",
        report__disbursement__campaign__slug=slug,
        report__disbursement__campaign__status__in=PUBLIC_STATUSES,
    ).first()


def disbursements_public_rows(*, now: datetime.datetime | None = None) -> Iterator[dict[str, Any]]:
    """Every paid disbursement of a public campaign as open data shows it, oldest first: the
    campaign, the day, the amount, whether it went to a hospital or the campaigner, and its
    report of use (reported, due or overdue, and the day reported). No bank, account, holder,
    purpose or people: what the campaign page shows, less the words."""
    now = now or timezone.now()
    days = datetime.timedelta(days=settings.USAGE_REPORT_DAYS)
    rows = (
        Disbursement.objects.filter(
            status=DisbursementStatus.PAID, campaign__status__in=PUBLIC_STATUSES
        )
        .order_by("paid_at", "id")
        .values("id", "campaign_id", "paid_at", "amount", "to_hospital", "usage_report__created_at")
        .iterator(chunk_size=5_000)
    )
    for row in rows:
        reported = row["usage_report__created_at"]
        paid_at = cast(datetime.datetime, row["paid_at"])  # every paid disbursement has it
        due = paid_at + days
        status = "reported" if reported else "overdue" if due < now else "due"
        yield {
            "id": row["id"],
            "campaign_id": row["campaign_id"],
            "paid_on": timezone.localdate(paid_at).isoformat(),
            "amount": row["amount"],
            "to": "hospital" if row["to_hospital"] else "campaigner",
            "report_status": status,
            "reported_on": timezone.localdate(reported).isoformat() if reported else "",
            "report_due": timezone.localdate(due).isoformat(),
        }
