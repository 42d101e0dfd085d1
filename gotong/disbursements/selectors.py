from __future__ import annotations

import datetime
from dataclasses import dataclass

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
