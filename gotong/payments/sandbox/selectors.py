"""Reads of the sandbox."""

from __future__ import annotations

import uuid

from django.db.models import QuerySet

from gotong.payments.sandbox.models import SandboxNotificationDelivery, SandboxTransaction


def transaction_get_by_order_id(*, order_id: str) -> SandboxTransaction | None:
    return SandboxTransaction.objects.filter(order_id=order_id).first()


def transaction_get_by_token(*, token: uuid.UUID | str) -> SandboxTransaction | None:
    return SandboxTransaction.objects.filter(token=token).first()


def notification_delivery_list(*, txn: SandboxTransaction) -> QuerySet[SandboxNotificationDelivery]:
    return SandboxNotificationDelivery.objects.filter(transaction=txn).order_by("created_at", "id")
