"""Building donor emails (no sending here): plain text with an HTML alternative, rendered in
Indonesian from `templates/emails/`, each carrying the campaign's unsubscribe link in its
footer and in `List-Unsubscribe` with RFC 8058 one-click."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from gotong.campaigns.models import Campaign
from gotong.core.money import terbilang
from gotong.donations.models import Donation
from gotong.notifications.tokens import unsubscribe_token_make


def unsubscribe_url(*, email: str, campaign_id: int) -> str:
    token = unsubscribe_token_make(email=email, campaign_id=campaign_id)
    path = reverse("notifications:unsubscribe", kwargs={"token": token})
    return f"{settings.PUBLIC_BASE_URL}{path}"


def donor_email_build(
    *, template: str, to: str, campaign: Campaign, context: dict[str, Any]
) -> EmailMultiAlternatives:
    """One email to one donor about one campaign, from `emails/<template>_subject.txt`,
    `emails/<template>.txt` and `emails/<template>.html`."""
    link = unsubscribe_url(email=to, campaign_id=campaign.pk)
    context = {**context, "campaign": campaign, "unsubscribe_url": link}
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string(f"emails/{template}_subject.txt", context)
        text = render_to_string(f"emails/{template}.txt", context)
        html = render_to_string(f"emails/{template}.html", context)
    message = EmailMultiAlternatives(
        subject=" ".join(subject.split()),
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[to],
        headers={
            "List-Unsubscribe": f"<{link}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
    message.attach_alternative(html, "text/html")
    return message


def receipt_email_build(*, donation: Donation, to: str) -> EmailMultiAlternatives:
    """Thanks, the amount in figures and words, and the links to the e-kuitansi."""
    order_id = donation.order_id
    base = settings.PUBLIC_BASE_URL
    return donor_email_build(
        template="receipt",
        to=to,
        campaign=donation.campaign,
        context={
            "donation": donation,
            "amount_words": terbilang(donation.amount),
            "receipt_url": base + reverse("receipts:detail", kwargs={"order_id": order_id}),
            "receipt_pdf_url": base + reverse("receipts:pdf", kwargs={"order_id": order_id}),
        },
    )
