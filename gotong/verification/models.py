from __future__ import annotations

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.utils.translation import gettext_lazy as _


class PrivateStorage(FileSystemStorage):
    """Identity documents live outside MEDIA_ROOT and have no URL: only an authorised view
    streams them, to moderators. The folder is read from settings on each use."""

    @property
    def base_location(self) -> str:
        return str(settings.PRIVATE_MEDIA_ROOT)

    @property
    def location(self) -> str:
        return os.path.abspath(self.base_location)

    def url(self, name: str | None) -> str:
        raise ValueError("private files have no URL")


def private_storage() -> PrivateStorage:
    return PrivateStorage()


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
