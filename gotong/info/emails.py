"""The freshness emails of a post to its author, each sent once per freshness period after the
commit that causes it (core.delivery): "masih berlaku?" before the post runs out, and "sudah
kedaluwarsa" when it has. Both carry the one-click link `/info/<id>/masih-berlaku/<token>/`:
its signed token names the post and its author, and stays valid `RENEW_LINK_MAX_AGE` (30
days) from the email, long enough to bring an expired post back. The email names the
platform, never the author's address or anyone's contact."""

from __future__ import annotations

import datetime
from functools import partial

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django_tasks import task

from gotong.core.delivery import CLAIM_LEASE, delivery_send
from gotong.core.i18n import language_or_default
from gotong.info.models import InfoPost, InfoReminder, InfoReminderKind
from gotong.info.transitions import LIVE, InfoStatus

RENEW_LINK_SALT = "gotong.info.renew-link"
RENEW_LINK_MAX_AGE = datetime.timedelta(days=30)


def renew_token(post: InfoPost) -> str:
    """The token of the one-click link: this post, for this author."""
    return signing.dumps({"p": post.pk, "a": post.author_id}, salt=RENEW_LINK_SALT)


def renew_token_check(post: InfoPost, token: str) -> None:
    """Raise signing.SignatureExpired for a link older than `RENEW_LINK_MAX_AGE`,
    signing.BadSignature for any other bad one (tampered, truncated, another post's, an author
    who is no longer active)."""
    data = signing.loads(token, salt=RENEW_LINK_SALT, max_age=RENEW_LINK_MAX_AGE)
    if (
        not isinstance(data, dict)
        or data.get("p") != post.pk
        or data.get("a") != post.author_id
        or not post.author.is_active
    ):
        raise signing.BadSignature("not this post's link")


def _still_due(post: InfoPost, reminder: InfoReminder) -> bool:
    """The email is about the post as it still is: the same period, the matching status."""
    if post.expires_at != reminder.expires_at:
        return False
    if reminder.kind == InfoReminderKind.EXPIRED:
        return post.status == InfoStatus.EXPIRED
    return post.status in LIVE


def info_email_build(*, post: InfoPost, reminder: InfoReminder) -> EmailMultiAlternatives:
    base = settings.PUBLIC_BASE_URL
    with translation.override(language_or_default(None)):
        context = {
            "post": post,
            "expired": reminder.kind == InfoReminderKind.EXPIRED,
            "name": post.author.display_name,
            "post_url": base + reverse("info:detail", args=[post.pk]),
            "renew_url": base + reverse("info:renew-link", args=[post.pk, renew_token(post)]),
            "link_days": RENEW_LINK_MAX_AGE.days,
        }
        subject = render_to_string("emails/info_renew_subject.txt", context)
        text = render_to_string("emails/info_renew.txt", context)
        html = render_to_string("emails/info_renew.html", context)
    message = EmailMultiAlternatives(
        subject=" ".join(subject.split()),
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[reminder.email],
    )
    message.attach_alternative(html, "text/html")
    return message


def info_email_send(*, reminder_id: int) -> bool:
    """Send one claimed freshness email, once; True when this call sent it. Nothing is sent when
    the post moved on since the claim (renewed, expired, declared false)."""
    reminder = InfoReminder.objects.get(pk=reminder_id)
    post = InfoPost.objects.select_related("author", "region").get(pk=reminder.post_id)
    if reminder.sent_at is not None or not _still_due(post, reminder):
        return False
    return delivery_send(
        model=InfoReminder, pk=reminder.pk, message=info_email_build(post=post, reminder=reminder)
    )


@task()
def send_info_email(reminder_id: int) -> bool:
    """A freshness email, once; queued after the commit that claimed it."""
    return info_email_send(reminder_id=reminder_id)


def info_email_queue(*, post: InfoPost, kind: str) -> bool:
    """In the transaction of its cause: claim the post's `kind` email for its current period and
    queue its send for after the commit. A claim made earlier is queued again only while unsent
    and older than `CLAIM_LEASE` (its task was lost, or the mail server refused); a sent one
    never. True when queued. Two schedulers at once make one claim (the unique constraint) and
    one email (`delivery_send`). No email for an author whose account was closed."""
    if not post.author.is_active or not post.author.email:
        return False
    reminder, created = InfoReminder.objects.get_or_create(
        post=post, kind=kind, expires_at=post.expires_at, defaults={"email": post.author.email}
    )
    if reminder.sent_at is not None:
        return False
    if not created and reminder.created_at > timezone.now() - CLAIM_LEASE:
        return False
    transaction.on_commit(partial(send_info_email.enqueue, reminder_id=reminder.pk), robust=True)
    return True
