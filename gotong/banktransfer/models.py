"""Manual bank transfer with a unique code: the transfers donors are asked to make, and the
bank statement lines finance imports to find them (decision 18)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class TransferStatus(models.TextChoices):
    OPEN = "open", _("Menunggu transfer")
    MATCHED = "matched", _("Diterima")
    EXPIRED = "expired", _("Kedaluwarsa")


class BankTransfer(models.Model):
    """What one donor was asked to transfer: the donation's amount, which already includes the
    unique code (Rp 50.123 for Rp 50.000 and code 123), valid until `expires_at`."""

    donation = models.OneToOneField(
        "donations.Donation", on_delete=models.PROTECT, related_name="bank_transfer"
    )
    unique_code = models.PositiveSmallIntegerField()
    amount_due = models.BigIntegerField()
    status = models.CharField(
        max_length=16, choices=TransferStatus.choices, default=TransferStatus.OPEN
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            # Among open transfers both the code and the amount to find on the statement are
            # unique: one statement line can only ever fit one of them.
            models.UniqueConstraint(
                fields=["unique_code"],
                condition=models.Q(status="open"),
                name="banktransfer_open_code_unique",
            ),
            models.UniqueConstraint(
                fields=["amount_due"],
                condition=models.Q(status="open"),
                name="banktransfer_open_amount_unique",
            ),
            models.CheckConstraint(
                condition=models.Q(unique_code__gte=1, unique_code__lte=999),
                name="banktransfer_code_three_digits",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.donation_id} Rp{self.amount_due} {self.status}"


class StatementImport(models.Model):
    """One statement file imported by finance staff."""

    created_at = models.DateTimeField(auto_now_add=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="statement_imports"
    )
    preset = models.CharField(max_length=16)
    file_name = models.CharField(max_length=200)
    file_sha256 = models.CharField(max_length=64)
    lines_new = models.PositiveIntegerField(default=0)
    lines_known = models.PositiveIntegerField(default=0)
    matched = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.created_at:%Y-%m-%d})"


class LineStatus(models.TextChoices):
    MATCHED = "matched", _("Cocok, donasi tercatat")
    UNMATCHED = "unmatched", _("Tidak cocok dengan transfer mana pun")
    AMBIGUOUS = "ambiguous", _("Cocok dengan transfer yang sudah kedaluwarsa")
    ASSIGNED = "assigned", _("Dicocokkan oleh staf")
    DISMISSED = "dismissed", _("Bukan donasi")


WAITING_STATUSES = (LineStatus.UNMATCHED, LineStatus.AMBIGUOUS)


class StatementLine(models.Model):
    """One incoming credit on the foundation's account, imported once: its fingerprint (date,
    description, amount, balance and its place among identical lines) is unique, so importing
    the same statement again, or an overlapping one, adds nothing."""

    statement = models.ForeignKey(StatementImport, on_delete=models.PROTECT, related_name="lines")
    fingerprint = models.CharField(max_length=64, unique=True)
    booked_on = models.DateField()
    description = models.CharField(max_length=300)
    amount = models.BigIntegerField()
    status = models.CharField(max_length=16, choices=LineStatus.choices)
    transfer = models.OneToOneField(
        BankTransfer, on_delete=models.PROTECT, null=True, blank=True, related_name="line"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="statement_decisions",
    )
    decision_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["booked_on", "id"]
        indexes = [models.Index(fields=["status", "booked_on"])]
        constraints = [
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="statement_line_credit")
        ]

    def __str__(self) -> str:
        return f"{self.booked_on} Rp{self.amount} {self.status}"
