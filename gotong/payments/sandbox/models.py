"""State of the built-in Midtrans sandbox: Snap transactions and the notifications they sent;
subscriptions, whose scheduled charges are transactions too, and linked GoPay accounts."""

from __future__ import annotations

import uuid

from django.db import models
from django.utils import timezone


class PaymentType(models.TextChoices):
    BANK_TRANSFER = "bank_transfer", "BCA Virtual Account"
    QRIS = "qris", "QRIS"
    GOPAY = "gopay", "GoPay"
    # Offered only to a transaction that asked for cards (`enabled_payments`).
    CREDIT_CARD = "credit_card", "Kartu kredit/debit"


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
    # A subscription's charge (its payment_type may also be "credit_card", which the pay
    # page does not offer): which one, and the slot of its schedule it was made for
    # ("3": the fourth scheduled charge, "3.r1": its first retry). One charge per slot.
    subscription = models.ForeignKey(
        "SandboxSubscription",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="charges",
    )
    schedule_slot = models.CharField(max_length=20, blank=True)
    # What Snap was asked to offer (empty: every method but cards), and whether a card paid
    # with is kept: then its `saved_token_id` is what later charges take.
    enabled_payments = models.JSONField(default=list, blank=True)
    save_card = models.BooleanField(default=False)
    saved_token_id = models.CharField(max_length=100, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(gross_amount__gt=0), name="sandbox_gross_amount_positive"
            ),
            models.UniqueConstraint(
                fields=["subscription", "schedule_slot"],
                condition=models.Q(subscription__isnull=False),
                name="sandbox_one_charge_per_slot",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.order_id} {self.transaction_status or 'awaiting method'}"

    @property
    def methods_offered(self) -> list[str]:
        """What the pay page offers: the methods Snap was asked for, else all but cards."""
        if self.enabled_payments:
            return [m for m in PaymentType.values if m in self.enabled_payments]
        return [m for m in PaymentType.values if m != PaymentType.CREDIT_CARD]

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


class IntervalUnit(models.TextChoices):
    DAY = "day", "day"
    WEEK = "week", "week"
    MONTH = "month", "month"


class RetryUnit(models.TextChoices):
    MINUTE = "minute", "minute"
    HOUR = "hour", "hour"
    DAY = "day", "day"


class SubscriptionStatus(models.TextChoices):
    ACTIVE = "active", "active"
    INACTIVE = "inactive", "inactive"


class SandboxSubscription(models.Model):
    """One subscription of Midtrans' Subscription API. `next_execution_at` is when the
    scheduler charges next: the slot `current_interval`, or its retry `retry_count` after
    failed attempts. Disabled, finished or out of retries: `inactive`."""

    subscription_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(max_length=40)
    amount = models.BigIntegerField(help_text="Whole rupiah.")
    payment_type = models.CharField(max_length=20)
    token = models.CharField(max_length=255)
    gopay_account_id = models.CharField(max_length=64, blank=True)
    interval = models.PositiveIntegerField()
    interval_unit = models.CharField(max_length=8, choices=IntervalUnit.choices)
    max_interval = models.PositiveIntegerField(null=True, blank=True)
    start_time = models.DateTimeField()
    retry_interval = models.PositiveIntegerField(default=1)
    retry_interval_unit = models.CharField(
        max_length=8, choices=RetryUnit.choices, default=RetryUnit.HOUR
    )
    retry_max_interval = models.PositiveIntegerField(default=3)
    status = models.CharField(
        max_length=10, choices=SubscriptionStatus.choices, default=SubscriptionStatus.ACTIVE
    )
    current_interval = models.PositiveIntegerField(default=0)
    retry_count = models.PositiveIntegerField(default=0)
    next_execution_at = models.DateTimeField(null=True, blank=True, db_index=True)
    previous_execution_at = models.DateTimeField(null=True, blank=True)
    customer_details = models.JSONField(default=dict, blank=True)
    metadata = models.JSONField(default=dict, blank=True)
    notification_urls = models.JSONField(default=list)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount__gt=0), name="sandbox_subscription_amount_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} {self.status}"


class AccountStatus(models.TextChoices):
    PENDING = "PENDING", "PENDING"
    ENABLED = "ENABLED", "ENABLED"
    DISABLED = "DISABLED", "DISABLED"
    EXPIRED = "EXPIRED", "EXPIRED"


class SandboxPayAccount(models.Model):
    """A GoPay account linking (GoPay Tokenization). PENDING until the person approves it on
    the linking page (ENABLED, with a payment option token) or declines it (DISABLED); a
    link nobody answered before `expires_at` is EXPIRED."""

    account_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    # The capability in the activation URL: whoever has it may approve the link.
    activation_token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    phone_number = models.CharField(max_length=16)
    country_code = models.CharField(max_length=4)
    redirect_url = models.CharField(max_length=1000, blank=True)
    account_status = models.CharField(
        max_length=10, choices=AccountStatus.choices, default=AccountStatus.PENDING
    )
    payment_option_token = models.CharField(max_length=100, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    expires_at = models.DateTimeField()
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.account_id} {self.account_status}"
