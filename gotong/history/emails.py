"""The "Donasi saya" email: a signed link to the donations given with one address, sent only
when there are some, at most once per address and `LINK_WINDOW` (core.delivery). The page
that asked answers the same whatever happens here, so it tells no one who donated."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from gotong.core.delivery import delivery_send
from gotong.core.i18n import language_or_default
from gotong.history.models import HistoryLinkDelivery
from gotong.history.selectors import donations_of_email
from gotong.history.tokens import LINK_HOURS, history_token_make

LINK_WINDOW = datetime.timedelta(minutes=10)


def window_start(moment: datetime.datetime) -> datetime.datetime:
    """The start of the `LINK_WINDOW` that `moment` falls in."""
    step = int(LINK_WINDOW.total_seconds())
    return datetime.datetime.fromtimestamp(int(moment.timestamp()) // step * step, tz=datetime.UTC)


def history_link_email_build(*, email: str, language: str | None) -> EmailMultiAlternatives:
    with translation.override(language_or_default(language)):
        path = reverse("history:link", kwargs={"token": history_token_make(email=email)})
        context = {
            "link_url": f"{settings.PUBLIC_BASE_URL}{path}",
            "link_hours": LINK_HOURS,
        }
        subject = render_to_string("emails/history_link_subject.txt", context)
        text = render_to_string("emails/history_link.txt", context)
        html = render_to_string("emails/history_link.html", context)
    message = EmailMultiAlternatives(
        subject=" ".join(subject.split()),
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[email],
    )
    message.attach_alternative(html, "text/html")
    return message


def history_link_send(
    *, email: str, language: str | None = None, now: datetime.datetime | None = None
) -> bool:
    """Email `email` the link to its donations, if it gave any and was not sent one in this
    window. No row is kept for an address that never donated. True when this call sent it."""
    address = email.strip().lower()
    if not donations_of_email(email=address).exists():
        return False
    window = window_start(now or timezone.now())
    with transaction.atomic():
        delivery, _ = HistoryLinkDelivery.objects.get_or_create(email=address, window=window)
    if delivery.sent_at is not None:
        return False
    return delivery_send(
        model=HistoryLinkDelivery,
        pk=delivery.pk,
        message=history_link_email_build(email=address, language=language),
    )
