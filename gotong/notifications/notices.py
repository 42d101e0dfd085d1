"""The campaigners' notices: what staff decided about their campaign, their identity or their
disbursement, recorded in their inbox (`/notifikasi/`) and emailed once, after commit, through
the task queue. Called by the services that make those decisions, inside their transaction."""

from __future__ import annotations

from functools import partial

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django_tasks import task

from gotong.accounts.models import User
from gotong.campaigns.models import Campaign
from gotong.core.delivery import delivery_send
from gotong.notifications.models import Notice, NoticeKind


def notice_record(
    *,
    user: User,
    kind: NoticeKind,
    key: str,
    url_name: str,
    url_args: tuple[object, ...] = (),
    campaign: Campaign | None = None,
    amount: int | None = None,
    note: str = "",
) -> Notice:
    """Put one notice in `user`'s inbox and queue its email for after the commit. `key` names
    the event: recording the same event again returns the first notice and sends nothing.
    `url_name` and `url_args` name the page the notice links to (in the default language)."""
    with translation.override(settings.LANGUAGE_CODE):
        link = reverse(url_name, args=url_args)
    with transaction.atomic():
        notice, created = Notice.objects.get_or_create(
            user=user,
            key=key,
            defaults={
                "kind": kind,
                "link": link,
                "campaign": campaign,
                "amount": amount,
                "note": note.strip(),
                "email": user.email,
            },
        )
        if created:
            transaction.on_commit(
                partial(send_notice_email.enqueue, notice_id=notice.pk), robust=True
            )
        return notice


def notice_email_send(*, notice_id: int) -> bool:
    """Email one notice to its campaigner, at most once; True when this call sent it."""
    notice = Notice.objects.select_related("user", "campaign").get(pk=notice_id)
    if notice.sent_at is not None or not notice.email:
        return False
    base = settings.PUBLIC_BASE_URL
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "notice": notice,
            "headline": notice.headline,
            "link_url": base + notice.link,
            "inbox_url": base + reverse("notifications:inbox"),
        }
        message = EmailMessage(
            subject=f"[Gotong] {notice.headline}",
            body=render_to_string("emails/notice.txt", context),
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[notice.email],
        )
    return delivery_send(model=Notice, pk=notice.pk, message=message)


@task()
def send_notice_email(notice_id: int) -> bool:
    """A notice's email, once; queued after the decision commits."""
    return notice_email_send(notice_id=notice_id)


def notices_mark_read(*, user: User) -> int:
    """Mark every unread notice of `user` read; returns how many were unread."""
    with transaction.atomic():
        return Notice.objects.filter(user=user, read_at__isnull=True).update(read_at=timezone.now())
