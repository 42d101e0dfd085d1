"""Emails sent once, after commit, through the task queue: the claim rows and their sender.

Every such email has a claim row (a `Delivery` subclass) whose unique constraint names the
event: one receipt per donation, one update per address, one pledge email per pledge and kind.
`delivery_send` is the one way such a row is sent: claim it with a conditional UPDATE, send with
no transaction or lock open (SMTP can be slow, and on SQLite an open write transaction blocks
every settlement), then mark it sent. Two runners never both pass the claim; a runner that dies
between claim and send leaves the row to be taken again after `CLAIM_LEASE`.
docs/decisions/0011-donor-email.md
"""

from __future__ import annotations

import datetime

from django.core.mail import EmailMessage
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone


class Delivery(models.Model):
    """One email to one address. A concrete subclass adds what the email is about and a unique
    constraint over it: that constraint is what makes the email 'once' (`delivery_send`).

    `claimed_at` is set by the sender that is sending right now; `sent_at` once it has sent.
    """

    email = models.EmailField()
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        abstract = True


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
