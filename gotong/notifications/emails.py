"""Building donor emails (no sending here): plain text with an HTML alternative, rendered from
`templates/emails/` in the language the donor gave in (`Donation.language`, Indonesian by
default), each carrying the campaign's unsubscribe link in its footer and in
`List-Unsubscribe` with RFC 8058 one-click. Links point to pages in the same language."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from gotong.campaigns.models import Campaign
from gotong.core.i18n import language_or_default
from gotong.core.money import terbilang
from gotong.donations.models import Donation
from gotong.notifications.tokens import receipt_key_make, unsubscribe_token_make


def unsubscribe_url(*, email: str, campaign_id: int) -> str:
    token = unsubscribe_token_make(email=email, campaign_id=campaign_id)
    path = reverse("notifications:unsubscribe", kwargs={"token": token})
    return f"{settings.PUBLIC_BASE_URL}{path}"


def donor_email_build(
    *,
    template: str,
    to: str,
    campaign: Campaign,
    context: dict[str, Any],
    language: str | None = None,
) -> EmailMultiAlternatives:
    """One email to one donor about one campaign, from `emails/<template>_subject.txt`,
    `emails/<template>.txt` and `emails/<template>.html`, in `language` (default: the site's)."""
    with translation.override(language_or_default(language)):
        link = unsubscribe_url(email=to, campaign_id=campaign.pk)
        context = {**context, "campaign": campaign, "unsubscribe_url": link}
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
    # The donor's own links: their receipt names them even if the public sees "Orang Baik".
    key = f"?kunci={receipt_key_make(order_id=order_id)}"
    with translation.override(language_or_default(donation.language)):
        receipt_url = base + reverse("receipts:detail", kwargs={"order_id": order_id}) + key
        receipt_pdf_url = base + reverse("receipts:pdf", kwargs={"order_id": order_id}) + key
    return donor_email_build(
        template="receipt",
        to=to,
        campaign=donation.campaign,
        # The amount in words stays Indonesian, as on the e-kuitansi itself.
        context={
            "donation": donation,
            "amount_words": terbilang(donation.amount),
            "receipt_url": receipt_url,
            "receipt_pdf_url": receipt_pdf_url,
        },
        language=donation.language,
    )
