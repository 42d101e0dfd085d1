from __future__ import annotations

from typing import cast

from django.conf import settings
from django.core.files.storage import Storage
from django.db import models
from django.utils.translation import gettext_lazy as _

from gotong.core import storage


def private_storage() -> Storage:
    """Identity documents: the storage without URLs (gotong/core/storage.py); only an
    authorised view streams them, to moderators."""
    return cast(Storage, storage.private_storage)


class VerificationStatus(models.TextChoices):
    PENDING = "pending", _("Menunggu pemeriksaan")
    APPROVED = "approved", _("Terverifikasi")
    REJECTED = "rejected", _("Ditolak")


class CampaignerVerification(models.Model):
    """KYC of a campaigner: KTP photo, selfie holding the KTP, phone number."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="verification"
    )
    ktp_photo = models.FileField(storage=private_storage, upload_to="kyc/%Y/%m/")
    selfie_photo = models.FileField(storage=private_storage, upload_to="kyc/%Y/%m/")
    phone = models.CharField(_("nomor HP"), max_length=20)
    status = models.CharField(
        max_length=16, choices=VerificationStatus.choices, default=VerificationStatus.PENDING
    )
    reason = models.TextField(blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    submitted_at = models.DateTimeField()
    decided_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.user} {self.status}"
