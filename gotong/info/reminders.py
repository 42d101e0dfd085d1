"""When a post's author is asked "masih berlaku?", and the scheduler's sweep that asks.

The reminder comes `reminder_lead` before the post runs out: two days, or a third of its
time-to-live when that is shorter (one day for a 3-day post, 16 hours for 2 days, 8 hours
for 1 day), so it never comes right after the author wrote or renewed the post. One reminder
per freshness period (`InfoReminder`); renewing starts a new period. The "sudah kedaluwarsa"
email is queued by `infos_expire` itself; this sweep also sends the ones whose task was lost,
for a week after the expiry.
"""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from gotong.info.emails import info_email_queue
from gotong.info.models import InfoPost, InfoReminder, InfoReminderKind
from gotong.info.transitions import LIVE, InfoStatus

logger = logging.getLogger(__name__)

LONGEST_LEAD = datetime.timedelta(days=2)
EXPIRED_RETRY_WINDOW = datetime.timedelta(days=7)
SWEEP_LIMIT = 500


def reminder_lead(ttl_days: int) -> datetime.timedelta:
    """How long before its expiry a post's author is reminded."""
    return min(LONGEST_LEAD, datetime.timedelta(days=ttl_days) / 3)


def reminder_due_at(post: InfoPost) -> datetime.datetime:
    return post.expires_at - reminder_lead(post.ttl_days)


def _sent(kind: str) -> Exists:
    return Exists(
        InfoReminder.objects.filter(
            post=OuterRef("pk"),
            kind=kind,
            expires_at=OuterRef("expires_at"),
            sent_at__isnull=False,
        )
    )


def _due(post: InfoPost, kind: str, now: datetime.datetime) -> bool:
    if kind == InfoReminderKind.EXPIRED:
        return post.status == InfoStatus.EXPIRED
    return post.status in LIVE and reminder_due_at(post) <= now < post.expires_at


def _queue(pk: int, kind: str, now: datetime.datetime) -> bool:
    """Queue the email if the post, re-read under its lock, still calls for it (it may have been
    renewed or expired since the sweep's query)."""
    with transaction.atomic():
        post = InfoPost.objects.select_for_update().get(pk=pk)
        return _due(post, kind, now) and info_email_queue(post=post, kind=kind)


def info_reminders_sweep(*, now: datetime.datetime | None = None) -> int:
    """The scheduler's tick: queue the "masih berlaku?" email of every live post whose reminder
    is due, and the "sudah kedaluwarsa" email of posts expired in the last week that have
    none sent. Idempotent: run twice, or on two schedulers at once, it sends each email once.
    Returns how many emails it queued."""
    now = now or timezone.now()
    authors = {"author__is_active": True}
    soon = (
        InfoPost.objects.filter(
            status__in=LIVE, expires_at__gt=now, expires_at__lte=now + LONGEST_LEAD, **authors
        )
        .exclude(author__email="")
        .exclude(_sent(InfoReminderKind.SOON))
        .order_by("expires_at")
        .values_list("pk", "ttl_days", "expires_at")[:SWEEP_LIMIT]
    )
    expired = (
        InfoPost.objects.filter(
            status=InfoStatus.EXPIRED, expires_at__gte=now - EXPIRED_RETRY_WINDOW, **authors
        )
        .exclude(author__email="")
        .exclude(_sent(InfoReminderKind.EXPIRED))
        .order_by("expires_at")
        .values_list("pk", flat=True)[:SWEEP_LIMIT]
    )
    due = [
        (pk, InfoReminderKind.SOON)
        for pk, ttl_days, expires_at in soon
        if expires_at - reminder_lead(ttl_days) <= now
    ] + [(pk, InfoReminderKind.EXPIRED) for pk in expired]
    queued = 0
    for pk, kind in due:
        try:
            queued += _queue(pk, kind, now)
        except Exception:
            logger.exception("freshness email of info post %s failed; the next sweep retries", pk)
    return queued


@dataclass(frozen=True)
class ReminderNote:
    """What the author reads on their post's page about the coming "masih berlaku?" email."""

    at: datetime.datetime
    sent: bool


def reminder_note(post: InfoPost) -> ReminderNote | None:
    """For a live post: when this period's reminder was sent, or when it will be."""
    if post.status not in LIVE:
        return None
    sent = (
        InfoReminder.objects.filter(
            post=post,
            kind=InfoReminderKind.SOON,
            expires_at=post.expires_at,
            sent_at__isnull=False,
        )
        .values_list("sent_at", flat=True)
        .first()
    )
    if sent is not None:
        return ReminderNote(at=sent, sent=True)
    return ReminderNote(at=max(reminder_due_at(post), timezone.now()), sent=False)
