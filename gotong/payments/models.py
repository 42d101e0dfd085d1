from __future__ import annotations

from django.db import models


class NotificationOutcome(models.TextChoices):
    APPLIED = "applied", "applied"
    DUPLICATE = "duplicate", "duplicate (already in this state)"
    IGNORED = "ignored", "ignored (the donation's transition table refuses it)"
    BAD_SIGNATURE = "bad_signature", "rejected: bad signature"
    AMOUNT_MISMATCH = "amount_mismatch", "rejected: amount differs from the donation"
    STATUS_MISMATCH = "status_mismatch", "rejected: status code does not fit the status"
    UNKNOWN_ORDER = "unknown_order", "rejected: unknown order"
    MALFORMED = "malformed", "rejected: malformed body"


class NotificationSource(models.TextChoices):
    HTTP = "http", "HTTP notification"
    STATUS_API = "status_api", "status API (reconciliation)"


class PaymentNotification(models.Model):
    """Every payment status message received, stored raw with what we did with it. Append-only."""

    received_at = models.DateTimeField(auto_now_add=True, db_index=True)
    source = models.CharField(max_length=16, choices=NotificationSource.choices)
    gateway = models.CharField(max_length=32, default="midtrans")
    raw_body = models.TextField()
    order_id = models.CharField(max_length=100, blank=True, db_index=True)
    transaction_status = models.CharField(max_length=32, blank=True)
    outcome = models.CharField(max_length=20, choices=NotificationOutcome.choices)
    detail = models.CharField(max_length=300, blank=True)
    remote_addr = models.GenericIPAddressField(null=True, blank=True)

    class Meta:
        ordering = ["-received_at", "-id"]

    def __str__(self) -> str:
        return f"{self.received_at:%Y-%m-%d %H:%M:%S} {self.order_id} {self.outcome}"


class RefundStatus(models.TextChoices):
    PENDING = "pending", "pending"
    DONE = "done", "done"


class Refund(models.Model):
    """A refund asked of the gateway for one settled donation. Booked once the gateway agrees."""

    donation = models.OneToOneField(
        "donations.Donation", on_delete=models.PROTECT, related_name="refund"
    )
    refund_key = models.CharField(max_length=100, unique=True)
    reason = models.CharField(max_length=255)
    status = models.CharField(max_length=16, choices=RefundStatus.choices, default="pending")
    last_error = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    done_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.refund_key} {self.status}"
