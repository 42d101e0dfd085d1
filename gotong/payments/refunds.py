"""Refunds through the gateway's refund API, after commit, through the task queue.

`refunds_open` (inside the caller's transaction) records one Refund per donation and queues
them; `refund_execute` asks the gateway (outside any transaction; the refund_key makes a repeat
harmless) and then moves the donation by the transition table. A refund the gateway reports on
its own (its notification came first, or finance refunded from the gateway's dashboard) is
booked by the same table and reconciled here by `refund_reported`.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from functools import partial

from django.db import transaction
from django.utils import timezone

from gotong.campaigns.models import Campaign
from gotong.donations.models import Donation, DonationStatus
from gotong.donations.services import GatewayReport, donation_lock, donation_transition_locked
from gotong.donations.transitions import DonationEvent, Outcome
from gotong.payments.gateways import gateway_get
from gotong.payments.gateways.base import GatewayError
from gotong.payments.models import Refund, RefundStatus

logger = logging.getLogger(__name__)


def _refund_key(donation: Donation) -> str:
    return f"refund-{donation.order_id}"


def refunds_open(*, donations: Iterable[Donation], reason: str) -> list[Refund]:
    """One Refund per donation (once), each executed after the caller's transaction commits."""
    from gotong.payments.tasks import execute_refund  # tasks import this module

    refunds = [
        Refund.objects.get_or_create(
            donation=donation,
            defaults={"refund_key": _refund_key(donation), "reason": reason[:255]},
        )[0]
        for donation in donations
    ]
    for refund in refunds:
        transaction.on_commit(partial(execute_refund.enqueue, refund_id=refund.pk), robust=True)
    return refunds


def campaign_refunds_open(*, campaign: Campaign, reason: str) -> list[Refund]:
    """Refund every settled donation of a campaign being closed (in the closing transaction).
    A donation still pending is refunded when its payment arrives (payments.services)."""
    settled = Donation.objects.filter(campaign=campaign, status=DonationStatus.SETTLED)
    return refunds_open(donations=settled, reason=reason)


def refund_reported(*, donation: Donation) -> Refund:
    """The donation was just booked as refunded on the gateway's word: its refund record is
    done, created if finance refunded from the gateway's dashboard. Caller holds the donation."""
    refund, _created = Refund.objects.update_or_create(
        donation=donation,
        defaults={"status": RefundStatus.DONE, "done_at": timezone.now(), "last_error": ""},
        create_defaults={
            "refund_key": _refund_key(donation),
            "reason": "reported by the gateway",
            "status": RefundStatus.DONE,
            "done_at": timezone.now(),
        },
    )
    return refund


def refund_execute(*, refund_id: int) -> bool:
    """Ask the gateway, then book. True once the refund is booked (now or before)."""
    refund = Refund.objects.select_related("donation").get(pk=refund_id)
    if refund.status == RefundStatus.DONE:
        return True
    donation = refund.donation
    if donation.status == DonationStatus.SETTLED:
        try:
            gateway_get(donation.gateway).refund(
                order_id=donation.order_id,
                refund_key=refund.refund_key,
                amount=donation.amount,
                reason=refund.reason,
            )
        except GatewayError as exc:
            logger.warning("refund %s failed: %s", refund.refund_key, exc)
            Refund.objects.filter(pk=refund.pk).update(last_error=str(exc)[:300])
            raise
    with transaction.atomic():
        # Donation first, then the refund row: the order a reported refund takes too.
        locked_donation = donation_lock(pk=donation.pk)
        assert locked_donation is not None
        locked = Refund.objects.select_for_update().get(pk=refund.pk)
        if locked.status == RefundStatus.DONE:
            return True
        result = donation_transition_locked(
            donation=locked_donation,
            report=GatewayReport(event=DonationEvent.REFUNDED, transaction_status="refund"),
        )
        if result.outcome == Outcome.IGNORED:
            locked.last_error = result.reason[:300]
            locked.save(update_fields=["last_error"])
            return False
        locked.status, locked.done_at, locked.last_error = RefundStatus.DONE, timezone.now(), ""
        locked.save(update_fields=["status", "done_at", "last_error"])
    return True
