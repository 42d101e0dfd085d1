from __future__ import annotations

import datetime

from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone

from gotong.campaigns.models import Campaign
from gotong.disbursements.models import Disbursement, DisbursementStatus


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
