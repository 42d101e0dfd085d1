"""Donor email: sent once, after commit, through the task queue.

Every such email has a claim row (a `Delivery` subclass) whose unique constraint names the
event: one receipt per donation, one update per address. `delivery_send` is the one way such
a row is sent: claim it with a conditional UPDATE, send with no transaction or lock open
(SMTP can be slow, and on SQLite an open write transaction blocks every settlement), then mark
it sent. Two runners never both pass the claim; a runner that dies between claim and send
leaves the row to be taken again after `CLAIM_LEASE`. docs/decisions/0011-donor-email.md
"""

from __future__ import annotations

import datetime
import logging

from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from gotong.campaigns.models import Campaign
from gotong.donations.models import Donation, DonationStatus
from gotong.notifications.emails import receipt_email_build
from gotong.notifications.models import Delivery, ReceiptDelivery, Unsubscription

logger = logging.getLogger(__name__)

# Far longer than any send can take (EMAIL_TIMEOUT): a claim older than this was abandoned.
CLAIM_LEASE = datetime.timedelta(minutes=10)


def delivery_send(*, model: type[Delivery], pk: int, message: EmailMessage) -> bool:
    """Send `message` for the claim row `pk` unless it was sent or another runner is sending it.

    True when this call sent it. A failed send releases the claim and raises, so the row can be
    sent by a later run. Call it outside any transaction: the claim must be committed before
    the email leaves.
    """
    rows = model._default_manager.filter(pk=pk)
    now = timezone.now()
    with transaction.atomic():
        claimed = (
            rows.filter(sent_at__isnull=True)
            .filter(Q(claimed_at__isnull=True) | Q(claimed_at__lt=now - CLAIM_LEASE))
            .update(claimed_at=now)
        )
    if not claimed:
        return False
    try:
        message.send()
    except Exception:
        rows.filter(claimed_at=now, sent_at__isnull=True).update(claimed_at=None)
        raise
    rows.update(sent_at=timezone.now())
    return True


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
