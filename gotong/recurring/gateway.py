"""What the gateway is told about an automatic plan: its subscription's schedule and amount,
enabled while the plan is active and disabled otherwise, and the GoPay account unbound once
the plan stopped for good (decision 37).

A move the gateway has to hear of (the donor's pause, resume, cancel or change, a failure after
the retries, the end of the campaign) counts one more `Plan.gateway_moves` in its own
transaction; `plan_gateway_sync` tells the gateway right after the commit and records how many
moves it told (`gateway_told`); the sweep tries again for every plan still behind. No row lock
is held across a gateway call (the sandbox answers from this same database, and SQLite takes
its write lock at BEGIN): a lease, `gateway_busy_until`, keeps a second process off the plan
meanwhile, and a process that died holding it leaves it to expire. Each sync reads the
subscription first and asks only for what differs, so a second one, or one after a crash
midway, does no harm.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Iterator
from contextlib import contextmanager

from django.db import transaction
from django.utils import timezone

from gotong.payments.gateways import UnknownGateway, gateway_get
from gotong.payments.gateways.base import (
    GatewayError,
    IntervalUnit,
    RecurringGateway,
    RetrySchedule,
    Schedule,
)
from gotong.recurring.models import AutomaticType, Cadence, Plan
from gotong.recurring.transitions import PLAN_FINAL, PeriodStatus, PlanStatus

logger = logging.getLogger(__name__)

# Each period's charge is made at 07.00 WIB on its start date (the sweep has opened it by then).
CHARGE_HOUR = 7
# The soonest a charge may be scheduled: the gateway wants a start time in the future.
CHARGE_LEAD = datetime.timedelta(minutes=1)
# A failed charge is tried again the next day, twice: three tries over three days, then the
# period is skipped and the plan paused (recurring.charges).
RETRY = RetrySchedule(interval=1, interval_unit="day", max_interval=2)
ATTEMPTS = 1 + RETRY.max_interval
# Longer than the few gateway calls one sync or link makes (each times out in 15 s).
LEASE = datetime.timedelta(minutes=2)


class Busy(Exception):
    """Another process is talking to the gateway about this plan."""


def recurring_gateway(name: str) -> RecurringGateway:
    """The active plugin `name` if it can charge on a schedule; GatewayError otherwise."""
    try:
        plugin = gateway_get(name)
    except UnknownGateway as exc:
        raise GatewayError(f"gateway {name} is not active") from exc
    if not isinstance(plugin, RecurringGateway):
        raise GatewayError(f"gateway {name} has no subscriptions")
    return plugin


def charge_time(day: datetime.date) -> datetime.datetime:
    """When the charge of a period starting on `day` is scheduled: 07.00 WIB that day, or a
    minute from now when that has passed (a plan whose first period is today)."""
    at = datetime.datetime.combine(
        day, datetime.time(CHARGE_HOUR), tzinfo=timezone.get_current_timezone()
    )
    soonest = (timezone.now() + CHARGE_LEAD).replace(microsecond=0)
    return max(at, soonest)


def next_charge_day(plan: Plan) -> datetime.date:
    """Today while today's period is opened but not yet charged; otherwise the next period's."""
    today = timezone.localdate()
    if plan.periods.filter(start=today, status=PeriodStatus.DUE).exists():
        return today
    return plan.next_due


def plan_schedule(plan: Plan) -> Schedule:
    unit: IntervalUnit = "week" if plan.cadence == Cadence.WEEKLY else "month"
    return Schedule(interval=1, interval_unit=unit, start_time=charge_time(next_charge_day(plan)))


def _tell(gateway: RecurringGateway, plan: Plan) -> None:
    if plan.gateway_subscription_id:
        subscription = gateway.subscription_get(plan.gateway_subscription_id)
        if plan.status == PlanStatus.ACTIVE:
            if subscription.status != "active":
                gateway.subscription_enable(plan.gateway_subscription_id)
            gateway.subscription_update(
                plan.gateway_subscription_id, amount=plan.amount, schedule=plan_schedule(plan)
            )
        elif subscription.status == "active":
            gateway.subscription_disable(plan.gateway_subscription_id)
    if (
        plan.status in PLAN_FINAL
        and plan.pay_account_id
        and plan.payment_type == AutomaticType.GOPAY
    ):
        gateway.pay_account_unbind(plan.pay_account_id)


@contextmanager
def plan_leased(*, plan_id: int) -> Iterator[Plan]:
    """Hold the plan's gateway lease for the block (raise Busy when another process holds
    it); the plan is read when the lease is taken, and the lease is given back after."""
    now = timezone.now()
    with transaction.atomic():
        plan = Plan.objects.select_for_update().get(pk=plan_id)
        if plan.gateway_busy_until is not None and plan.gateway_busy_until > now:
            raise Busy(plan_id)
        plan.gateway_busy_until = now + LEASE
        plan.save(update_fields=["gateway_busy_until"])
    try:
        yield plan
    finally:
        Plan.objects.filter(pk=plan_id, gateway_busy_until=plan.gateway_busy_until).update(
            gateway_busy_until=None
        )


def plan_gateway_sync(*, plan_id: int) -> bool:
    """Tell the gateway what the plan is now, again while a move came meanwhile. True when it
    is in step; False when it could not be reached or another process is at it (the sweep
    tries again)."""
    for _round in range(3):
        try:
            with plan_leased(plan_id=plan_id) as plan:
                if plan.gateway_told >= plan.gateway_moves:
                    return True
                _tell(recurring_gateway(plan.gateway), plan)
                Plan.objects.filter(pk=plan.pk, gateway_told__lt=plan.gateway_moves).update(
                    gateway_told=plan.gateway_moves
                )
        except Busy:
            return False
        except GatewayError:
            logger.warning("plan %s: the gateway was not told yet; the sweep retries", plan_id)
            return False
    return False


def plan_gateway_move_locked(*, plan: Plan) -> None:
    """In the transaction of a move of an automatic plan the caller holds locked: one more
    move for the gateway, told right after the commit."""
    plan.gateway_moves += 1
    plan.save(update_fields=["gateway_moves", "updated_at"])
    transaction.on_commit(lambda: plan_gateway_sync(plan_id=plan.pk), robust=True)
