"""Refunds through the gateway's refund API, after commit, through the task queue.

`refunds_open` (inside the caller's transaction) records one Refund per settled donation and
queues them; `refund_execute` asks the gateway (outside any transaction; the refund_key makes
a repeat harmless) and books the reversing entries once it agrees.
"""

from __future__ import annotations

import logging
from functools import partial

from django.db import transaction
from django.utils import timezone

from gotong.campaigns.models import Campaign
from gotong.donations.models import Donation, DonationStatus
from gotong.donations.services import donation_refund_record
from gotong.payments.gateways import gateway_get
from gotong.payments.gateways.base import GatewayError
from gotong.payments.models import Refund, RefundStatus

logger = logging.getLogger(__name__)


def refunds_open(*, campaign: Campaign, reason: str) -> list[Refund]:
    """Call inside the transaction that closes the campaign."""
    from gotong.payments.tasks import execute_refund  # tasks import this module

    settled = Donation.objects.filter(campaign=campaign, status=DonationStatus.SETTLED)
    refunds = [
        Refund.objects.get_or_create(
            donation=donation,
            defaults={"refund_key": f"refund-{donation.order_id}", "reason": reason[:255]},
        )[0]
        for donation in settled
    ]
    for refund in refunds:
        transaction.on_commit(partial(execute_refund.enqueue, refund_id=refund.pk), robust=True)
    return refunds


def refund_execute(*, refund_id: int) -> bool:
    """Ask the gateway, then book. True once the refund is booked (now or before)."""
    refund = Refund.objects.select_related("donation").get(pk=refund_id)
    if refund.status == RefundStatus.DONE:
        return True
    try:
        gateway_get().refund(
            order_id=refund.donation.order_id,
            refund_key=refund.refund_key,
            amount=refund.donation.amount,
            reason=refund.reason,
        )
    except GatewayError as exc:
        logger.warning("refund %s failed: %s", refund.refund_key, exc)
        Refund.objects.filter(pk=refund.pk).update(last_error=str(exc)[:300])
        raise
    with transaction.atomic():
        locked = Refund.objects.select_for_update().get(pk=refund.pk)
        if locked.status == RefundStatus.DONE:
            return True
        donation_refund_record(donation_id=locked.donation_id)
        locked.status, locked.done_at, locked.last_error = RefundStatus.DONE, timezone.now(), ""
        locked.save(update_fields=["status", "done_at", "last_error"])
    return True
