"""The sandbox's Subscription API: subscriptions, and the charges it makes on their schedule.

Each charge is a sandbox transaction (order id "SUBS-<name>-<10 digits>", so the status API
and refunds answer for it) with a unique key per subscription and slot of the schedule
(`SandboxTransaction.schedule_slot`), made under the subscription's row lock: two schedulers
running at once, or a scheduler and a scripted charge, never charge one slot twice. A failed
charge is retried after `retry_interval` up to `retry_max_interval` times; then the
subscription is inactive. Every charge notifies the merchant after commit (decision 35).
"""

from __future__ import annotations

import logging
import secrets
from datetime import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone

from gotong.payments.sandbox import schedule
from gotong.payments.sandbox.models import (
    SandboxSubscription,
    SandboxTransaction,
    SubscriptionStatus,
    TransactionStatus,
)
from gotong.payments.sandbox.recurring_validation import SubscriptionFields
from gotong.payments.sandbox.services import transaction_notify_on_commit

logger = logging.getLogger(__name__)
ORDER_NAME_LENGTH = 34  # "SUBS-" + name + "-" + 10 digits stays within 50 characters


class SubscriptionInactive(Exception):
    def __init__(self, sub: SandboxSubscription) -> None:
        super().__init__(f"subscription {sub.subscription_id} is {sub.status}")
        self.sub = sub


def subscription_create(
    *, fields: SubscriptionFields, notification_urls: list[str]
) -> SandboxSubscription:
    plan = fields.schedule
    if plan is None or plan.start_time is None:
        raise ValueError("a new subscription needs its schedule's start_time")
    retry = fields.retry
    with transaction.atomic():
        return SandboxSubscription.objects.create(
            name=fields.name,
            amount=fields.amount,
            payment_type=fields.payment_type,
            token=fields.token,
            gopay_account_id=fields.gopay_account_id,
            interval=plan.interval or 1,
            interval_unit=plan.interval_unit or "month",
            max_interval=plan.max_interval,
            start_time=plan.start_time,
            next_execution_at=plan.start_time,
            customer_details=fields.customer_details,
            metadata=fields.metadata,
            notification_urls=list(notification_urls),
            **(
                {}
                if retry is None
                else {
                    "retry_interval": retry.interval,
                    "retry_interval_unit": retry.interval_unit,
                    "retry_max_interval": retry.max_interval,
                }
            ),
        )


def _locked(sub: SandboxSubscription) -> SandboxSubscription:
    return SandboxSubscription.objects.select_for_update().get(pk=sub.pk)


def _reposition(sub: SandboxSubscription, *, now: datetime) -> None:
    """Charge next at the first slot from now on (after a pause or a new schedule)."""
    sub.current_interval = schedule.next_slot_index(sub, now=now)
    sub.retry_count = 0
    sub.next_execution_at = schedule.slot_at(sub, sub.current_interval)


def subscription_disable(*, sub: SandboxSubscription) -> SandboxSubscription:
    """No more charges, retries included, until enabled again."""
    with transaction.atomic():
        locked = _locked(sub)
        locked.status = SubscriptionStatus.INACTIVE
        locked.next_execution_at = None
        locked.save(update_fields=["status", "next_execution_at", "updated_at"])
    return locked


def subscription_enable(
    *, sub: SandboxSubscription, now: datetime | None = None
) -> SandboxSubscription:
    """Active again from the next slot: the slots it missed while inactive are not charged."""
    with transaction.atomic():
        locked = _locked(sub)
        if locked.status != SubscriptionStatus.ACTIVE:
            locked.status = SubscriptionStatus.ACTIVE
            _reposition(locked, now=now or timezone.now())
            locked.save()
    return locked


def subscription_update(
    *, sub: SandboxSubscription, fields: SubscriptionFields, now: datetime | None = None
) -> SandboxSubscription:
    """New name, amount, token; a new schedule starts over from its first slot from now on."""
    with transaction.atomic():
        locked = _locked(sub)
        locked.name, locked.amount, locked.token = fields.name, fields.amount, fields.token
        if fields.gopay_account_id:
            locked.gopay_account_id = fields.gopay_account_id
        if fields.retry is not None:
            locked.retry_interval = fields.retry.interval
            locked.retry_interval_unit = fields.retry.interval_unit
            locked.retry_max_interval = fields.retry.max_interval
        plan = fields.schedule
        if plan is not None:
            for name in ("interval", "interval_unit", "max_interval", "start_time"):
                if getattr(plan, name) is not None:
                    setattr(locked, name, getattr(plan, name))
            if plan.start_time is not None:
                locked.current_interval = 0
            if locked.status == SubscriptionStatus.ACTIVE:
                _reposition(locked, now=now or timezone.now())
        locked.save()
    return locked


def _order_id(sub: SandboxSubscription) -> str:
    return f"SUBS-{sub.name[:ORDER_NAME_LENGTH]}-{secrets.randbelow(10**10):010d}"


def _advance(sub: SandboxSubscription, *, succeeded: bool, now: datetime) -> None:
    """Move the schedule past the charge just made: the next slot, or the next retry."""
    if succeeded:
        sub.current_interval += 1
        sub.retry_count = 0
        sub.previous_execution_at = now
        sub.next_execution_at = schedule.slot_at(sub, sub.current_interval)
        finished = sub.max_interval is not None and sub.current_interval >= sub.max_interval
    else:
        sub.retry_count += 1
        sub.next_execution_at = now + schedule.retry_delay(sub)
        finished = sub.retry_count > sub.retry_max_interval
    if finished:
        sub.status = SubscriptionStatus.INACTIVE
        sub.next_execution_at = None
    sub.save()


def subscription_charge(
    *,
    sub: SandboxSubscription,
    result: str = TransactionStatus.SETTLEMENT,
    now: datetime | None = None,
    due_only: bool = False,
) -> SandboxTransaction | None:
    """Charge the subscription's current slot (or retry) with `result` ("settlement" or
    "deny") and notify the merchant. `due_only` (the scheduler): only when its time has come,
    and None instead of SubscriptionInactive. None when this slot was charged already."""
    now = now or timezone.now()
    with transaction.atomic():
        locked = _locked(sub)
        if locked.status != SubscriptionStatus.ACTIVE:
            if due_only:
                return None
            raise SubscriptionInactive(locked)
        if due_only and (locked.next_execution_at is None or locked.next_execution_at > now):
            return None
        slot = schedule.slot_key(locked)
        try:
            with transaction.atomic():
                txn = SandboxTransaction.objects.create(
                    order_id=_order_id(locked),
                    gross_amount=locked.amount,
                    customer_details=locked.customer_details,
                    notification_urls=locked.notification_urls,
                    payment_type=locked.payment_type,
                    transaction_status=result,
                    created_at=now,
                    expires_at=now,
                    settled_at=now if result == TransactionStatus.SETTLEMENT else None,
                    subscription=locked,
                    schedule_slot=slot,
                )
        except IntegrityError:
            if SandboxTransaction.objects.filter(subscription=locked, schedule_slot=slot).exists():
                return None
            raise
        _advance(locked, succeeded=result == TransactionStatus.SETTLEMENT, now=now)
        txn.subscription = locked
        transaction_notify_on_commit(txn)
    logger.info("Sandbox subscription %s charged slot %s: %s", locked.name, slot, result)
    return txn


def subscriptions_charge_due(*, now: datetime | None = None, limit: int = 500) -> int:
    """The scheduler's sweep: charge every active subscription whose time has come (each in
    its own transaction). Returns how many charges it made."""
    now = now or timezone.now()
    due = SandboxSubscription.objects.filter(
        status=SubscriptionStatus.ACTIVE, next_execution_at__lte=now
    ).order_by("next_execution_at", "pk")[:limit]
    made = 0
    for sub in due:
        if subscription_charge(sub=sub, now=now, due_only=True) is not None:
            made += 1
    return made


def subscription_transaction_ids(*, sub: SandboxSubscription) -> list[str]:
    return [
        str(t)
        for t in sub.charges.order_by("created_at", "pk").values_list("transaction_id", flat=True)
    ]
