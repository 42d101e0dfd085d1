"""Email bookkeeping: one row per email that must go out at most once, the addresses that
asked for no more news from a campaign, and the campaigners' in-app notices."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from gotong.core.delivery import Delivery
from gotong.core.money import rupiah


class ReceiptDelivery(Delivery):
    """The receipt email of one settled donation."""

    donation = models.ForeignKey("donations.Donation", on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["donation"], name="receipt_delivery_once"),
        ]

    def __str__(self) -> str:
        return f"receipt {self.donation_id} → {self.email}"


class Unsubscription(models.Model):
    """This address gets no more campaign updates (kabar terbaru) from this campaign."""

    email = models.EmailField()
    campaign = models.ForeignKey(
        "campaigns.Campaign", on_delete=models.CASCADE, related_name="unsubscriptions"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["email", "campaign"], name="unsubscription_once"),
        ]

    def __str__(self) -> str:
        return f"{self.email} ✕ {self.campaign_id}"


class NoticeKind(models.TextChoices):
    CAMPAIGN_PUBLISHED = "campaign_published", _("Kampanye diterbitkan")
    CAMPAIGN_REJECTED = "campaign_rejected", _("Kampanye dikembalikan")
    VERIFICATION_APPROVED = "verification_approved", _("Verifikasi disetujui")
    VERIFICATION_REJECTED = "verification_rejected", _("Verifikasi ditolak")
    DISBURSEMENT_APPROVED = "disbursement_approved", _("Pencairan disetujui")
    DISBURSEMENT_PAID = "disbursement_paid", _("Pencairan ditransfer")


HEADLINES = {
    NoticeKind.CAMPAIGN_PUBLISHED: _("Kampanye “%(title)s” sudah terbit."),
    NoticeKind.CAMPAIGN_REJECTED: _("Kampanye “%(title)s” dikembalikan untuk diperbaiki."),
    NoticeKind.VERIFICATION_APPROVED: _("Identitas Anda terverifikasi."),
    NoticeKind.VERIFICATION_REJECTED: _("Verifikasi identitas Anda belum disetujui."),
    NoticeKind.DISBURSEMENT_APPROVED: _("Pencairan %(amount)s untuk “%(title)s” disetujui."),
    NoticeKind.DISBURSEMENT_PAID: _("Pencairan %(amount)s untuk “%(title)s” sudah ditransfer."),
}


class Notice(Delivery):
    """One thing a campaigner should hear about: a row of their inbox at `/notifikasi/` and the
    claim of its one email (`Delivery`). `key` names the event (e.g. one campaign's
    publication, one verification decision), so recording it again changes nothing."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notices"
    )
    kind = models.CharField(max_length=32, choices=NoticeKind.choices)
    key = models.CharField(max_length=120)
    campaign = models.ForeignKey(
        "campaigns.Campaign", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    amount = models.BigIntegerField(null=True, blank=True)
    note = models.TextField(blank=True)
    link = models.CharField(max_length=300)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "key"], name="notice_once"),
        ]
        indexes = [models.Index(fields=["user", "-created_at"], name="notice_inbox")]

    def __str__(self) -> str:
        return f"{self.kind} → {self.user_id}"

    @property
    def headline(self) -> str:
        """What happened, in one sentence of the active language."""
        title = self.campaign.title if self.campaign else ""
        return str(HEADLINES[NoticeKind(self.kind)]) % {
            "title": title,
            "amount": rupiah(self.amount or 0),
        }
