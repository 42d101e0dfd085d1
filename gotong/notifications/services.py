"""Donor email: the receipt of a settlement and the unsubscriptions, sent once, after commit,
through the task queue by `core.delivery.delivery_send` (docs/decisions/0011-donor-email.md).
"""

from __future__ import annotations

import datetime
import logging

from django.db import transaction
from django.utils import timezone

from gotong.campaigns.models import Campaign
from gotong.core.delivery import delivery_send
from gotong.donations.models import Donation, DonationStatus
from gotong.notifications.emails import receipt_email_build
from gotong.notifications.models import ReceiptDelivery, Unsubscription

logger = logging.getLogger(__name__)


def receipt_email_send(*, donation_id: int) -> bool:
    """Email the receipt of a settled donation to the address the donor gave; at most once.

    Sent even when the address has unsubscribed from the campaign: a receipt is the record of a
    payment the donor just made, not news (decision 0011). True when this call sent it.
    """
    donation = Donation.objects.select_related("campaign").get(pk=donation_id)
    if not donation.email or donation.status != DonationStatus.SETTLED:
        return False
    with transaction.atomic():
        delivery, _ = ReceiptDelivery.objects.get_or_create(
            donation=donation, defaults={"email": donation.email}
        )
    if delivery.sent_at is not None:
        return False
    return delivery_send(
        model=ReceiptDelivery,
        pk=delivery.pk,
        message=receipt_email_build(donation=donation, to=delivery.email),
    )


# The sweep leaves recent settlements to their own task, and stops looking after a week.
SWEEP_AFTER = datetime.timedelta(minutes=5)
SWEEP_WINDOW = datetime.timedelta(days=7)
SWEEP_LIMIT = 500


def receipt_emails_sweep(*, now: datetime.datetime | None = None) -> int:
    """Send the receipts that their own task never sent: the task was lost (enqueueing after
    commit failed, the worker died) or the mail server refused and the claim was released.
    Runs on the scheduler's tick; `receipt_email_send` keeps it to one email per donation.
    Returns how many it sent."""
    now = now or timezone.now()
    sent = ReceiptDelivery.objects.filter(sent_at__isnull=False).values("donation_id")
    pending = (
        Donation.objects.filter(
            status=DonationStatus.SETTLED,
            settled_at__gte=now - SWEEP_WINDOW,
            settled_at__lte=now - SWEEP_AFTER,
        )
        .exclude(email="")
        .exclude(pk__in=sent)
        .order_by("settled_at")
        .values_list("pk", flat=True)[:SWEEP_LIMIT]
    )
    count = 0
    for donation_id in pending:
        try:
            count += receipt_email_send(donation_id=donation_id)
        except Exception:
            logger.exception(
                "receipt email for donation %s failed; the next sweep retries", donation_id
            )
    return count


def unsubscription_create(*, email: str, campaign: Campaign) -> Unsubscription:
    """Stop campaign updates from `campaign` to `email`. Idempotent."""
    with transaction.atomic():
        unsubscription, _ = Unsubscription.objects.get_or_create(
            email=email.strip().lower(), campaign=campaign
        )
        return unsubscription
