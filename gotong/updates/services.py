"""Campaign updates, and their emails: queued after commit, sent at most once per address."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gotong.accounts.models import User
from gotong.campaigns.models import Campaign, CampaignStatus
from gotong.core.markdown import render_markdown
from gotong.donations.models import Donation, DonationStatus
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
        transaction.on_commit(lambda: send_update_emails.enqueue(update_id=update.pk))
        return update


def update_emails_send(*, update_id: int) -> int:
    """Email the update to every donor address not yet sent to; returns how many were sent.

    Safe to run twice or concurrently: each address is claimed with a unique row first, and
    only rows not yet marked sent are sent.
    """
    update = CampaignUpdate.objects.select_related("campaign").get(pk=update_id)
    emails = (
        Donation.objects.filter(campaign_id=update.campaign_id, status=DonationStatus.SETTLED)
        .exclude(email="")
        .values_list("email", flat=True)
        .distinct()
    )
    for email in emails:
        UpdateDelivery.objects.get_or_create(update=update, email=email)
    sent = 0
    pending = UpdateDelivery.objects.filter(update=update, sent_at__isnull=True).values_list(
        "pk", flat=True
    )
    for pk in pending:
        with transaction.atomic():
            delivery = (
                UpdateDelivery.objects.select_for_update(skip_locked=True)
                .filter(pk=pk, sent_at__isnull=True)
                .first()
            )
            if delivery is None:
                continue
            send_mail(
                subject=_("Kabar terbaru: %(title)s") % {"title": update.campaign.title},
                message=f"{update.title}\n\n{update.body}\n\n{update.campaign.public_url}",
                from_email=settings.DEFAULT_FROM_EMAIL,
                recipient_list=[delivery.email],
            )
            delivery.sent_at = timezone.now()
            delivery.save(update_fields=["sent_at"])
            sent += 1
    return sent
