"""Campaign updates, and their emails: queued after commit, sent at most once per address,
never to an address that unsubscribed from the campaign."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gotong.accounts.models import User
from gotong.campaigns.models import Campaign, CampaignStatus
from gotong.core.delivery import delivery_send
from gotong.core.markdown import render_markdown
from gotong.donations.models import Donation, DonationStatus
from gotong.notifications.emails import donor_email_build
from gotong.notifications.selectors import unsubscribed_emails
from gotong.updates.models import CampaignUpdate, UpdateDelivery


def update_post(*, campaign: Campaign, actor: User, title: str, body: str) -> CampaignUpdate:
    if campaign.owner_id != actor.pk:
        raise PermissionDenied
    if campaign.status not in (CampaignStatus.PUBLISHED, CampaignStatus.ENDED):
        raise ValidationError(_("Kabar hanya bisa ditulis untuk kampanye yang sudah terbit."))
    errors = {}
    if not title.strip():
        errors["title"] = _("Judul kabar wajib diisi.")
    if len(body.strip()) < 20:
        errors["body"] = _("Isi kabar minimal 20 karakter.")
    if errors:
        raise ValidationError(errors)
    from gotong.updates.tasks import send_update_emails  # tasks import this module

    with transaction.atomic():
        update = CampaignUpdate.objects.create(
            campaign=campaign,
            author=actor,
            title=title.strip(),
            body=body,
            body_html=render_markdown(body),
        )
        # The campaign page lists updates: a new updated_at tells the page cache so.
        Campaign.objects.filter(pk=campaign.pk).update(updated_at=timezone.now())
        transaction.on_commit(lambda: send_update_emails.enqueue(update_id=update.pk))
        return update


def update_emails_send(*, update_id: int) -> int:
    """Email the update to every donor address not yet sent to; returns how many were sent.

    Safe to run twice or concurrently: each address gets a unique claim row first, and
    `delivery_send` sends each row once. Addresses unsubscribed from the campaign are skipped,
    also when they unsubscribed after their row was created.
    """
    update = CampaignUpdate.objects.select_related("campaign").get(pk=update_id)
    unsubscribed = unsubscribed_emails(campaign_id=update.campaign_id)
    # Each address hears in the language of its latest donation to the campaign (decision 15).
    languages = dict(
        Donation.objects.filter(campaign_id=update.campaign_id, status=DonationStatus.SETTLED)
        .exclude(email="")
        .exclude(email__in=unsubscribed)
        .order_by("id")
        .values_list("email", "language")
    )
    with transaction.atomic():
        UpdateDelivery.objects.bulk_create(
            [UpdateDelivery(update=update, email=email) for email in languages],
            batch_size=500,
            ignore_conflicts=True,
        )
    pending = (
        UpdateDelivery.objects.filter(update=update, sent_at__isnull=True)
        .exclude(email__in=unsubscribed)
        .values_list("pk", "email")
    )
    sent = 0
    for pk, email in pending:
        message = donor_email_build(
            template="update",
            to=email,
            campaign=update.campaign,
            context={"update": update},
            language=languages.get(email),
        )
        if delivery_send(model=UpdateDelivery, pk=pk, message=message):
            sent += 1
    return sent
