"""Every write of the sandbox. State changes lock the row and notify the merchant after commit.

State rules (as on Midtrans): blank (no method chosen) -> pending -> settlement | expire | cancel |
deny. Final states never change. A pending transaction past its expiry becomes `expire` the next
time anything looks at it (there is no clock process in the sandbox).
"""

from __future__ import annotations

import logging
import secrets
from datetime import datetime, timedelta
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from gotong.payments.sandbox import protocol
from gotong.payments.sandbox.models import (
    FINAL_STATUSES,
    PaymentType,
    SandboxNotificationDelivery,
    SandboxTransaction,
    TransactionStatus,
)

logger = logging.getLogger(__name__)


class TransactionStateError(Exception):
    """The requested change is not allowed from the transaction's current state."""

    def __init__(self, txn: SandboxTransaction, message: str) -> None:
        super().__init__(message)
        self.txn = txn
        self.message = message


class TransactionFinal(TransactionStateError):
    pass


class TransactionExpired(TransactionStateError):
    pass


class MethodNotChosen(TransactionStateError):
    pass


class OrderIdTaken(Exception):
    pass


def _va_number() -> str:
    return f"{secrets.randbelow(10**11):011d}"


def _locked(txn: SandboxTransaction) -> SandboxTransaction:
    return SandboxTransaction.objects.select_for_update().get(pk=txn.pk)


def _guard(locked: SandboxTransaction, *, allow_past_expiry: bool) -> None:
    if locked.is_final:
        raise TransactionFinal(
            locked,
            f"Transaction is already {locked.transaction_status}; final states cannot change",
        )
    if locked.is_past_expiry and not allow_past_expiry:
        raise TransactionExpired(locked, "Transaction has expired and can no longer be paid")


def transaction_notify_on_commit(locked: SandboxTransaction) -> None:
    """Queue one notification per URL, sent only once the state change is committed."""
    payload = protocol.notification_payload(locked)
    for url in locked.notification_urls:
        _enqueue_on_commit(transaction_pk=locked.pk, url=url, payload=payload)


def _enqueue_on_commit(*, transaction_pk: int, url: str, payload: dict[str, Any]) -> None:
    from gotong.payments.sandbox.tasks import notification_send  # tasks import this module

    transaction.on_commit(
        lambda: notification_send.enqueue(transaction_pk=transaction_pk, url=url, payload=payload),
        robust=True,
    )


def _apply_method(locked: SandboxTransaction, payment_type: str) -> bool:
    """Charge with `payment_type`; True when something changed. Switching method while pending
    is allowed, like a customer going back in Snap and picking another one."""
    if locked.transaction_status == TransactionStatus.PENDING and (
        locked.payment_type == payment_type
    ):
        return False
    locked.payment_type = payment_type
    locked.transaction_status = TransactionStatus.PENDING
    locked.va_number = _va_number() if payment_type == PaymentType.BANK_TRANSFER else ""
    locked.save(update_fields=["payment_type", "transaction_status", "va_number", "updated_at"])
    return True


def _apply_final(locked: SandboxTransaction, transaction_status: str) -> None:
    locked.transaction_status = transaction_status
    fields = ["transaction_status", "updated_at"]
    if transaction_status == TransactionStatus.SETTLEMENT:
        locked.settled_at = timezone.now()
        fields.append("settled_at")
        if locked.save_card and locked.payment_type == PaymentType.CREDIT_CARD:
            locked.saved_token_id = _card_token()
            fields.append("saved_token_id")
    locked.save(update_fields=fields)


def _card_token() -> str:
    """Shaped like Midtrans' saved tokens: the test card's first six and last four digits
    around a random middle ("481111Xk…1114")."""
    card = protocol.TEST_CARD
    return f"{card[:6]}{secrets.token_urlsafe(18)}{card[-4:]}"


def transaction_create(
    *,
    order_id: str,
    gross_amount: int,
    notification_urls: list[str],
    customer_details: dict[str, str] | None = None,
    item_details: list[dict[str, Any]] | None = None,
    finish_url: str = "",
    expiry_start: datetime | None = None,
    expiry: timedelta = timedelta(hours=24),
    enabled_payments: list[str] | None = None,
    save_card: bool = False,
) -> SandboxTransaction:
    if isinstance(gross_amount, bool) or not isinstance(gross_amount, int) or gross_amount <= 0:
        raise ValueError("gross_amount must be a positive integer of rupiah")
    now = timezone.now()
    try:
        with transaction.atomic():
            return SandboxTransaction.objects.create(
                order_id=order_id,
                gross_amount=gross_amount,
                customer_details=customer_details or {},
                item_details=item_details or [],
                finish_url=finish_url,
                notification_urls=list(notification_urls),
                created_at=now,
                expires_at=(expiry_start or now) + expiry,
                enabled_payments=list(enabled_payments or []),
                save_card=save_card,
            )
    except IntegrityError as exc:
        if SandboxTransaction.objects.filter(order_id=order_id).exists():
            raise OrderIdTaken(order_id) from exc
        raise


def transaction_expire_if_due(*, txn: SandboxTransaction) -> SandboxTransaction:
    """Expire a pending transaction whose time is up (and notify). Before a method is chosen
    Midtrans has nothing to report, so such a transaction is left as it is."""
    if txn.transaction_status != TransactionStatus.PENDING or not txn.is_past_expiry:
        return txn
    with transaction.atomic():
        locked = _locked(txn)
        if locked.transaction_status != TransactionStatus.PENDING or not locked.is_past_expiry:
            return locked
        _apply_final(locked, TransactionStatus.EXPIRE)
        transaction_notify_on_commit(locked)
    logger.info("Sandbox transaction %s expired", locked.order_id)
    return locked


def transaction_choose_method(*, txn: SandboxTransaction, payment_type: str) -> SandboxTransaction:
    """The customer picked a method on the payment page: the transaction becomes pending."""
    if payment_type not in PaymentType.values:
        raise ValueError(f"unknown payment_type {payment_type!r}")
    txn = transaction_expire_if_due(txn=txn)
    with transaction.atomic():
        locked = _locked(txn)
        _guard(locked, allow_past_expiry=False)
        if _apply_method(locked, payment_type):
            transaction_notify_on_commit(locked)
    return locked


def transaction_finish(*, txn: SandboxTransaction, transaction_status: str) -> SandboxTransaction:
    """Move a pending transaction to a final state: settlement, expire, cancel or deny."""
    if transaction_status not in FINAL_STATUSES:
        raise ValueError(f"{transaction_status!r} is not a final status")
    is_expire = transaction_status == TransactionStatus.EXPIRE
    if not is_expire:
        txn = transaction_expire_if_due(txn=txn)
    with transaction.atomic():
        locked = _locked(txn)
        _guard(locked, allow_past_expiry=is_expire)
        if not locked.method_chosen:
            raise MethodNotChosen(locked, "Choose a payment method first")
        _apply_final(locked, transaction_status)
        transaction_notify_on_commit(locked)
    return locked


def transaction_simulate(
    *, txn: SandboxTransaction, payment_type: str, transaction_status: str
) -> SandboxTransaction:
    """Scripted payment: pick `payment_type` (a pending notification if that is new), then move
    to `transaction_status` (another notification) unless that is "pending"."""
    if payment_type not in PaymentType.values:
        raise ValueError(f"unknown payment_type {payment_type!r}")
    if transaction_status != TransactionStatus.PENDING and transaction_status not in FINAL_STATUSES:
        raise ValueError(f"unknown transaction_status {transaction_status!r}")
    is_expire = transaction_status == TransactionStatus.EXPIRE
    if not is_expire:
        txn = transaction_expire_if_due(txn=txn)
    with transaction.atomic():
        locked = _locked(txn)
        _guard(locked, allow_past_expiry=is_expire)
        if _apply_method(locked, payment_type):
            transaction_notify_on_commit(locked)
        if transaction_status != TransactionStatus.PENDING:
            _apply_final(locked, transaction_status)
            transaction_notify_on_commit(locked)
    return locked


def notification_delivery_record(
    *,
    transaction_pk: int,
    url: str,
    payload: dict[str, Any],
    response_status: int | None,
    error: str = "",
) -> SandboxNotificationDelivery:
    return SandboxNotificationDelivery.objects.create(
        transaction_id=transaction_pk,
        url=url,
        payload=payload,
        response_status=response_status,
        error=error,
    )
