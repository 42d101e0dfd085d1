"""Append-only double-entry journal.

Each JournalEntry has two or more Postings whose amounts sum to zero (debit positive, credit
negative). Entries and postings are never updated or deleted (database triggers refuse it);
a correction is a new reversing entry. LedgerAccount.balance is a stored counter kept equal to
the sum of its postings in the same transaction; `manage.py verify_ledger` checks that.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class AccountKind(models.TextChoices):
    ASSET = "asset", _("aset")
    LIABILITY = "liability", _("kewajiban")
    INCOME = "income", _("pendapatan")
    EXPENSE = "expense", _("beban")


class LedgerAccount(models.Model):
    code = models.CharField(max_length=100, unique=True)
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=16, choices=AccountKind.choices)
    campaign = models.ForeignKey(
        "campaigns.Campaign",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="ledger_accounts",
    )
    # Sum of this account's postings (debits positive). Updated with F() with each entry.
    balance = models.BigIntegerField(default=0)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.code


class EntryKind(models.TextChoices):
    DONATION_SETTLED = "donation_settled", _("donasi diterima")
    PLATFORM_FEE = "platform_fee", _("biaya platform")
    DISBURSEMENT_PAID = "disbursement_paid", _("pencairan dana")
    FEE_REVERSED = "fee_reversed", _("biaya platform dikembalikan")
    DONATION_REFUNDED = "donation_refunded", _("donasi dikembalikan")
    # The bank took back a settled payment (Midtrans `deny` after settlement, chargeback).
    DONATION_REVERSED = "donation_reversed", _("donasi dibatalkan bank")


class JournalEntry(models.Model):
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    kind = models.CharField(max_length=32, choices=EntryKind.choices)
    memo = models.CharField(max_length=300)
    # Unique per business event, so an event delivered twice can never be booked twice.
    idempotency_key = models.CharField(max_length=120, unique=True)
    campaign = models.ForeignKey(
        "campaigns.Campaign", on_delete=models.PROTECT, null=True, related_name="journal_entries"
    )
    donation = models.ForeignKey(
        "donations.Donation", on_delete=models.PROTECT, null=True, related_name="journal_entries"
    )

    class Meta:
        ordering = ["id"]
        verbose_name_plural = "journal entries"

    def __str__(self) -> str:
        return f"#{self.pk} {self.kind} {self.memo}"


class Posting(models.Model):
    entry = models.ForeignKey(JournalEntry, on_delete=models.PROTECT, related_name="postings")
    account = models.ForeignKey(LedgerAccount, on_delete=models.PROTECT, related_name="postings")
    amount = models.BigIntegerField(help_text="Debit positive, credit negative, in rupiah.")

    class Meta:
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(condition=~models.Q(amount=0), name="posting_amount_nonzero"),
        ]

    def __str__(self) -> str:
        return f"{self.account.code} {self.amount:+d}"


class FlowMonth(models.Model):
    """Open data's money rollup: one campaign's movements in one calendar month (Asia/Jakarta
    by TIME_ZONE), one column per campaign counter of the movement table. Written only by
    `ledger.movements.movement_record`, in the transaction of the movement, by an atomic
    upsert (decision 36); open data groups these rows by the campaign's category and region."""

    month = models.DateField()
    campaign = models.ForeignKey(
        "campaigns.Campaign", on_delete=models.PROTECT, related_name="flow_months"
    )
    collected = models.BigIntegerField(default=0)
    donor_count = models.BigIntegerField(default=0)
    fees = models.BigIntegerField(default=0)
    paid_out = models.BigIntegerField(default=0)
    refunded = models.BigIntegerField(default=0)

    class Meta:
        ordering = ["month", "campaign_id"]
        constraints = [
            models.UniqueConstraint(fields=["month", "campaign"], name="flow_month_campaign")
        ]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} #{self.campaign_id}"
