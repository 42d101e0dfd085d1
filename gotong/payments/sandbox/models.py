"""State of the built-in Midtrans sandbox: Snap transactions and the notifications they sent."""

from __future__ import annotations

import uuid

from django.db import models
from django.utils import timezone


class PaymentType(models.TextChoices):
    BANK_TRANSFER = "bank_transfer", "BCA Virtual Account"
    QRIS = "qris", "QRIS"
    GOPAY = "gopay", "GoPay"


class TransactionStatus(models.TextChoices):
    PENDING = "pending", "pending"
    SETTLEMENT = "settlement", "settlement"
    EXPIRE = "expire", "expire"
    CANCEL = "cancel", "cancel"
    DENY = "deny", "deny"
    REFUND = "refund", "refund"
    PARTIAL_REFUND = "partial_refund", "partial_refund"


FINAL_STATUSES = frozenset(
    {
        TransactionStatus.SETTLEMENT,
        TransactionStatus.EXPIRE,
        TransactionStatus.CANCEL,
        TransactionStatus.DENY,
    }
)


class SandboxTransaction(models.Model):
    """One Snap transaction. `transaction_status` stays blank until the customer picks a method,
    which is when real Midtrans starts to know about the order (before that: status 404)."""

    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    order_id = models.CharField(max_length=50, unique=True)
    gross_amount = models.BigIntegerField(help_text="Whole rupiah.")
    customer_details = models.JSONField(default=dict, blank=True)
    item_details = models.JSONField(default=list, blank=True)
    finish_url = models.CharField(max_length=1000, blank=True)
    notification_urls = models.JSONField(default=list)
    payment_type = models.CharField(max_length=20, choices=PaymentType.choices, blank=True)
    transaction_status = models.CharField(
        max_length=20, choices=TransactionStatus.choices, blank=True, db_index=True
    )
    transaction_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    va_number = models.CharField(max_length=11, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    expires_at = models.DateTimeField()
    settled_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(gross_amount__gt=0), name="sandbox_gross_amount_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.order_id} {self.transaction_status or 'awaiting method'}"

    @property
    def is_final(self) -> bool:
        return self.transaction_status in FINAL_STATUSES

    @property
    def method_chosen(self) -> bool:
        return bool(self.transaction_status)

    @property
    def is_past_expiry(self) -> bool:
        return timezone.now() >= self.expires_at


class SandboxNotificationDelivery(models.Model):
    """One attempt to POST a notification to the merchant, kept for testers to inspect."""

    transaction = models.ForeignKey(
        SandboxTransaction, on_delete=models.CASCADE, related_name="notification_deliveries"
    )
    url = models.CharField(max_length=1000)
    payload = models.JSONField()
    response_status = models.PositiveSmallIntegerField(null=True, blank=True)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name_plural = "sandbox notification deliveries"

    def __str__(self) -> str:
        return f"{self.url} {self.response_status or self.error[:40]}"

    @property
    def succeeded(self) -> bool:
        return self.response_status is not None and 200 <= self.response_status < 300


class SandboxRefund(models.Model):
    """One refund of a settled transaction; `refund_key` makes a repeated request idempotent."""

    transaction = models.ForeignKey(
        SandboxTransaction, on_delete=models.CASCADE, related_name="refunds"
    )
    refund_key = models.CharField(max_length=100, unique=True)
    amount = models.BigIntegerField()
    reason = models.CharField(max_length=255, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.refund_key} Rp{self.amount}"
