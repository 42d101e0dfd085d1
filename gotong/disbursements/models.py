from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from gotong.disbursements.banks import bank_name


class DisbursementStatus(models.TextChoices):
    REQUESTED = "requested", _("Diajukan")
    APPROVED = "approved", _("Disetujui")
    REJECTED = "rejected", _("Ditolak")
    PAID = "paid", _("Dibayarkan")


class Disbursement(models.Model):
    """Pencairan dana: money leaving a campaign's funds to a bank account, with four eyes.

    requested (by the campaigner) → approved or rejected (by finance, never the requester)
    → paid (by finance, which writes the ledger entry).
    """

    campaign = models.ForeignKey(
        "campaigns.Campaign", on_delete=models.PROTECT, related_name="disbursements"
    )
    amount = models.BigIntegerField(_("nominal"))
    # The kode bank (gotong/disbursements/banks.py). Requests made before the list carry the
    # bank as it was typed in `bank_typed` instead, when it named none of the listed banks.
    bank_code = models.CharField(_("kode bank"), max_length=3, blank=True)
    bank_typed = models.CharField(_("bank (seperti diketik)"), max_length=60, blank=True)
    account_number = models.CharField(_("nomor rekening"), max_length=30)
    account_holder = models.CharField(_("nama pemilik rekening"), max_length=100)
    purpose = models.CharField(_("keperluan"), max_length=200)
    to_hospital = models.BooleanField(_("rekening rumah sakit"), default=False)
    status = models.CharField(
        max_length=16, choices=DisbursementStatus.choices, default=DisbursementStatus.REQUESTED
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decision_reason = models.TextField(blank=True)
    paid_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    transfer_reference = models.CharField(max_length=100, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    paid_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount__gt=0), name="disbursement_amount_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"#{self.pk} {self.campaign_id} Rp{self.amount} {self.status}"

    @property
    def bank_label(self) -> str:
        """The bank as "BCA (014)"; an old request's bank as it was typed when it is not listed."""
        name = bank_name(self.bank_code)
        return f"{name} ({self.bank_code})" if name else self.bank_typed or self.bank_code


class UsageReport(models.Model):
    """Laporan penggunaan dana: what a paid disbursement was spent on, with receipts. Public."""

    disbursement = models.OneToOneField(
        Disbursement, on_delete=models.PROTECT, related_name="usage_report"
    )
    text = models.TextField(_("laporan"))
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"report for disbursement #{self.disbursement_id}"


class UsageReceipt(models.Model):
    report = models.ForeignKey(UsageReport, on_delete=models.PROTECT, related_name="receipts")
    file = models.FileField(upload_to="receipts/%Y/%m/")
    content_type = models.CharField(max_length=40)

    def __str__(self) -> str:
        return self.file.name
