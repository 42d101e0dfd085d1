"""Midtrans' refund API in the sandbox: `POST /v2/{order_id}/refund`.

Only settled transactions can be refunded, up to what is left; the same `refund_key` returns
the same answer without refunding twice. Each refund sends a `refund` / `partial_refund`
notification after commit, like every other state change.
"""

from __future__ import annotations

import json
from typing import Any

from django.db import transaction
from django.db.models import Sum

from gotong.payments.sandbox import protocol
from gotong.payments.sandbox.models import SandboxRefund, SandboxTransaction, TransactionStatus
from gotong.payments.sandbox.services import transaction_notify_on_commit

REFUNDABLE = (TransactionStatus.SETTLEMENT, TransactionStatus.PARTIAL_REFUND)


class RefundRefused(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status, self.message = status, message


def refund_request_parse(body: bytes) -> tuple[str, int | None, str]:
    try:
        data = json.loads(body or b"{}")
    except ValueError as exc:
        raise RefundRefused(400, "Request body is not valid JSON") from exc
    if not isinstance(data, dict):
        raise RefundRefused(400, "Request body must be a JSON object")
    key, amount, reason = data.get("refund_key"), data.get("amount"), data.get("reason", "")
    if not isinstance(key, str) or not 1 <= len(key) <= 100:
        raise RefundRefused(400, "refund_key is required")
    if amount is not None and (
        isinstance(amount, bool) or not isinstance(amount, int) or amount <= 0
    ):
        raise RefundRefused(400, "amount must be a positive integer")
    return key, amount, str(reason)[:255]


def refund_payload(txn: SandboxTransaction, refund: SandboxRefund) -> dict[str, Any]:
    body = protocol.status_payload(txn)
    body.update(
        {
            "status_message": "Success, refund request is approved",
            "refund_key": refund.refund_key,
            "refund_amount": protocol.format_gross_amount(refund.amount),
            "refund_chargeback_id": refund.pk,
        }
    )
    return body


def transaction_refund(
    *, txn: SandboxTransaction, refund_key: str, amount: int | None, reason: str
) -> tuple[SandboxTransaction, SandboxRefund]:
    with transaction.atomic():
        locked = SandboxTransaction.objects.select_for_update().get(pk=txn.pk)
        existing = SandboxRefund.objects.filter(refund_key=refund_key).first()
        if existing is not None:
            if existing.transaction_id != locked.pk:
                raise RefundRefused(409, "refund_key has been used for another transaction")
            return locked, existing
        if locked.transaction_status not in REFUNDABLE:
            raise RefundRefused(412, "Merchant cannot modify the status of the transaction")
        refunded = locked.refunds.aggregate(s=Sum("amount"))["s"] or 0
        left = locked.gross_amount - refunded
        amount = left if amount is None else amount
        if amount > left:
            raise RefundRefused(412, "Refund amount is more than the refundable amount")
        refund = SandboxRefund.objects.create(
            transaction=locked, refund_key=refund_key, amount=amount, reason=reason
        )
        locked.transaction_status = (
            TransactionStatus.REFUND if amount == left else TransactionStatus.PARTIAL_REFUND
        )
        locked.save(update_fields=["transaction_status", "updated_at"])
        transaction_notify_on_commit(locked)
        return locked, refund
