"""The scheduler's tick for donasi rutin (`plans_sweep`, task `sweep_plans`).

Each step re-reads its row under a lock and asks the transition tables, so two schedulers at
once, or a tick run twice, make each move and claim each email once:

1. plans whose campaign ended or closed end (`plan.end`, an audit row by the platform);
2. a running reminder plan whose next period has started gets that period (one row per plan
   and start) and its reminder email; a period found more than `SKIP_AFTER` late is skipped;
3. a period still unpaid `REMIND_AGAIN_AFTER` (3 days) after its start is reminded again;
4. one unpaid `SKIP_AFTER` (6 days) after its start is skipped: nothing booked, nothing charged;
5. automatic plans get their notice `NOTICE_BEFORE` (3 days) before the next charge;
6. claimed emails whose task was lost are queued again.
"""

from __future__ import annotations

import datetime
import logging

from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from gotong.audit.models import AuditAction
from gotong.audit.services import audit_record
from gotong.campaigns.models import CampaignStatus
from gotong.core.delivery import CLAIM_LEASE
from gotong.donations.models import DonationStatus
from gotong.recurring.emails import plan_email_queue
from gotong.recurring.models import MethodKind, Period, Plan, PlanEmail, PlanEmailKind
from gotong.recurring.schedule import next_start
from gotong.recurring.services import period_move_locked, period_settle_locked, plan_move_locked
from gotong.recurring.transitions import (
    OPEN,
    RUNNING,
    PeriodEvent,
    PeriodStatus,
    PlanEvent,
    PlanStatus,
)

logger = logging.getLogger(__name__)

REMIND_AGAIN_AFTER = datetime.timedelta(days=3)
SKIP_AFTER = datetime.timedelta(days=6)
NOTICE_BEFORE = datetime.timedelta(days=3)
REQUEUE_WINDOW = datetime.timedelta(days=7)
SWEEP_LIMIT = 1000


def _each(pks: list[int], step: object, *args: object) -> int:
    done = 0
    for pk in pks:
        try:
            done += step(pk, *args)  # type: ignore[operator]
        except Exception:
            logger.exception("plan sweep step %s on %s failed; the next tick retries", step, pk)
    return done


def _end(pk: int, today: datetime.date) -> bool:
    with transaction.atomic():
        plan = Plan.objects.select_for_update().select_related("campaign").get(pk=pk)
        campaign = plan.campaign
        if plan.status not in OPEN or (
            campaign.status == CampaignStatus.PUBLISHED and campaign.deadline >= today
        ):
            return False
        plan_move_locked(plan=plan, event=PlanEvent.END)
        audit_record(
            actor=None,
            action=AuditAction.PLAN_END,
            target=plan,
            data={"campaign": plan.campaign.slug, "campaign_status": plan.campaign.status},
        )
        return True


def _open_periods(pk: int, today: datetime.date) -> int:
    """Create every period of the plan that has started by `today`, each with its reminder
    (or skipped when found too late: the scheduler was down)."""
    made = 0
    with transaction.atomic():
        plan = Plan.objects.select_for_update().get(pk=pk)
        while plan.status in RUNNING and plan.next_due <= today:
            start = plan.next_due
            period, created = Period.objects.get_or_create(
                plan=plan, start=start, defaults={"amount": plan.amount}
            )
            if created:
                made += 1
                if today - start >= SKIP_AFTER:
                    period_move_locked(period=period, event=PeriodEvent.SKIP)
                elif period_move_locked(period=period, event=PeriodEvent.REMIND).allowed:
                    plan_email_queue(plan=plan, period_start=start, kind=PlanEmailKind.REMINDER)
            plan.next_due = next_start(cadence=plan.cadence, day=plan.day, after=start)
            plan.save(update_fields=["next_due", "updated_at"])
    return made


def _settled_meanwhile(period: Period) -> bool:
    """Its gift settled but the signal was lost (a worker died): settle the period now."""
    donation = period.donation
    if donation is None or donation.status != DonationStatus.SETTLED:
        return False
    return period_settle_locked(period=period, plan=Plan.objects.get(pk=period.plan_id))


def _remind_again(pk: int, today: datetime.date) -> bool:
    with transaction.atomic():
        period = Period.objects.select_for_update().get(pk=pk)
        if period.status != PeriodStatus.REMINDED or _settled_meanwhile(period):
            return False
        plan = Plan.objects.get(pk=period.plan_id)
        if plan.status not in RUNNING or today - period.start < REMIND_AGAIN_AFTER:
            return False
        period_move_locked(period=period, event=PeriodEvent.REMIND_AGAIN)
        return plan_email_queue(
            plan=plan, period_start=period.start, kind=PlanEmailKind.REMINDER_AGAIN
        )


def _skip(pk: int, today: datetime.date) -> bool:
    with transaction.atomic():
        period = Period.objects.select_for_update().get(pk=pk)
        if today - period.start < SKIP_AFTER or _settled_meanwhile(period):
            return False
        if not period_move_locked(period=period, event=PeriodEvent.SKIP).allowed:
            return False
        plan = Plan.objects.select_for_update().get(pk=period.plan_id)
        audit_record(
            actor=None,
            action=AuditAction.PLAN_PERIOD_SKIP,
            target=plan,
            data={"period": period.start.isoformat()},
        )
        if plan.status == PlanStatus.PENDING:
            # Its first gift never came: the plan never started.
            plan_move_locked(plan=plan, event=PlanEvent.CANCEL, reason="first period unpaid")
        return True


def _notice(pk: int, today: datetime.date) -> bool:
    with transaction.atomic():
        plan = Plan.objects.select_for_update().get(pk=pk)
        if plan.status not in RUNNING or not today < plan.next_due <= today + NOTICE_BEFORE:
            return False
        return plan_email_queue(plan=plan, period_start=plan.next_due, kind=PlanEmailKind.NOTICE)


def _requeue(pk: int, today: datetime.date) -> bool:
    with transaction.atomic():
        email = PlanEmail.objects.select_related("plan").get(pk=pk)
        return plan_email_queue(plan=email.plan, period_start=email.period_start, kind=email.kind)


def plans_sweep(*, today: datetime.date | None = None) -> dict[str, int]:
    """One tick; returns how many moves or emails each step made."""
    today = today or timezone.localdate()
    open_plans = Plan.objects.filter(status__in=OPEN)
    ending = open_plans.filter(
        ~Q(campaign__status=CampaignStatus.PUBLISHED) | Q(campaign__deadline__lt=today)
    )
    starting = Plan.objects.filter(
        status__in=RUNNING, method=MethodKind.REMINDER, next_due__lte=today
    )
    unpaid = Period.objects.filter(plan__method=MethodKind.REMINDER)
    again = unpaid.filter(status=PeriodStatus.REMINDED, start__lte=today - REMIND_AGAIN_AFTER)
    late = unpaid.filter(
        status__in=[PeriodStatus.DUE, PeriodStatus.REMINDED, PeriodStatus.REMINDED_AGAIN],
        start__lte=today - SKIP_AFTER,
    )
    notices = Plan.objects.filter(
        status__in=RUNNING,
        method=MethodKind.AUTOMATIC,
        next_due__gt=today,
        next_due__lte=today + NOTICE_BEFORE,
    ).exclude(
        Exists(
            PlanEmail.objects.filter(
                plan=OuterRef("pk"), kind=PlanEmailKind.NOTICE, period_start=OuterRef("next_due")
            )
        )
    )
    now = timezone.now()
    lost = PlanEmail.objects.filter(
        sent_at__isnull=True,
        created_at__lt=now - CLAIM_LEASE,
        created_at__gte=now - REQUEUE_WINDOW,
    ).filter(Q(claimed_at__isnull=True) | Q(claimed_at__lt=now - CLAIM_LEASE))

    def pks(rows: object) -> list[int]:
        return list(rows.order_by("pk").values_list("pk", flat=True)[:SWEEP_LIMIT])  # type: ignore[attr-defined]

    return {
        "ended": _each(pks(ending), _end, today),
        "opened": _each(pks(starting), _open_periods, today),
        "reminded_again": _each(pks(again), _remind_again, today),
        "skipped": _each(pks(late), _skip, today),
        "notices": _each(pks(notices), _notice, today),
        "requeued": _each(pks(lost), _requeue, today),
    }
