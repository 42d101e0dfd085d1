"""The scheduler's tick for donasi rutin (`plans_sweep`, task `sweep_plans`).

Each step re-reads its row under a lock and asks the transition tables, so two schedulers at
once, or a tick run twice, make each move and claim each email once:

1. plans whose campaign ended or closed end (`plan.end`, an audit row by the platform; an
   automatic one's subscription is disabled);
2. a running plan whose next period has started gets that period (one row per plan and
   start): a reminder plan's with its reminder email (skipped when found more than
   `SKIP_AFTER` late), an automatic plan's waits for the gateway's charge;
3. a period still unpaid `REMIND_AGAIN_AFTER` (3 days) after its start is reminded again;
4. an automatic plan's period catches up with charges whose signal was lost (recurring.charges);
5. one unpaid or uncharged `SKIP_AFTER` (6 days) after its start is skipped: nothing booked;
6. a pending GoPay link is asked about (the donor approved but never came back), and its plan
   cancelled after `LINK_WAIT`;
7. automatic plans whose last move the gateway was not told yet are synced again;
8. automatic plans get their notice `NOTICE_BEFORE` (3 days) before the next charge;
9. claimed emails whose task was lost are queued again.
"""

from __future__ import annotations

import datetime
import logging

from django.db import transaction
from django.db.models import Exists, F, OuterRef, Q
from django.utils import timezone

from gotong.audit.models import AuditAction
from gotong.audit.services import audit_record
from gotong.campaigns.models import CampaignStatus
from gotong.core.delivery import CLAIM_LEASE
from gotong.donations.models import DonationStatus
from gotong.payments.gateways.base import GatewayError
from gotong.recurring.automatic import Linked, plan_link_complete
from gotong.recurring.charges import period_charges_check, period_charges_check_locked
from gotong.recurring.emails import plan_email_queue
from gotong.recurring.gateway import plan_gateway_sync
from gotong.recurring.models import MethodKind, Period, Plan, PlanEmail, PlanEmailKind
from gotong.recurring.services import (
    SKIP_AFTER,
    period_move_locked,
    period_settle_locked,
    periods_open_locked,
    plan_gateway_mark_locked,
    plan_move_locked,
)
from gotong.recurring.transitions import (
    CHARGEABLE,
    OPEN,
    PAYABLE,
    RUNNING,
    PeriodEvent,
    PeriodStatus,
    PlanEvent,
    PlanStatus,
)

logger = logging.getLogger(__name__)

REMIND_AGAIN_AFTER = datetime.timedelta(days=3)
# A pending GoPay link is asked about from then on, and its plan cancelled after a day.
LINK_POLL_AFTER = datetime.timedelta(minutes=10)
LINK_WAIT = datetime.timedelta(days=1)
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
        plan_gateway_mark_locked(plan=plan)
        audit_record(
            actor=None,
            action=AuditAction.PLAN_END,
            target=plan,
            data={"campaign": plan.campaign.slug, "campaign_status": plan.campaign.status},
        )
        return True


def _open_periods(pk: int, today: datetime.date) -> int:
    with transaction.atomic():
        return periods_open_locked(plan=Plan.objects.select_for_update().get(pk=pk), today=today)


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
    """A period still unpaid (or uncharged) `SKIP_AFTER` after its start. The plan is locked
    before the period, as the charge resolver does."""
    with transaction.atomic():
        plan_id = Period.objects.values_list("plan_id", flat=True).get(pk=pk)
        plan = Plan.objects.select_for_update().get(pk=plan_id)
        period = Period.objects.select_for_update().get(pk=pk)
        if today - period.start < SKIP_AFTER or _settled_meanwhile(period):
            return False
        if plan.method == MethodKind.AUTOMATIC and period_charges_check_locked(
            plan=plan, period=period
        ) not in ("", "failed"):
            return False
        if not period_move_locked(period=period, event=PeriodEvent.SKIP).allowed:
            return False
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


def _charges(pk: int, today: datetime.date) -> bool:
    """A charge's signal a dead worker lost: the period catches up with its charges."""
    return period_charges_check(period_id=pk) not in ("", "failed")


def _linking(pk: int, today: datetime.date) -> bool:
    """A GoPay link the donor answered without coming back, a card plan's first gift settled
    without its subscription (a lost task), or either never done in `LINK_WAIT` (cancelled)."""
    plan = Plan.objects.get(pk=pk)
    if timezone.now() - plan.created_at >= LINK_WAIT:
        with transaction.atomic():
            locked = Plan.objects.select_for_update().get(pk=pk)
            reason = "never linked"
            if not plan_move_locked(plan=locked, event=PlanEvent.CANCEL, reason=reason).allowed:
                return False
            plan_gateway_mark_locked(plan=locked)
            return True
    try:
        return plan_link_complete(plan_id=pk) == Linked.ACTIVE
    except GatewayError:
        return False


def _gateway(pk: int, today: datetime.date) -> bool:
    return plan_gateway_sync(plan_id=pk)


def plans_sweep(*, today: datetime.date | None = None) -> dict[str, int]:
    """One tick; returns how many moves or emails each step made."""
    today = today or timezone.localdate()
    open_plans = Plan.objects.filter(status__in=OPEN)
    ending = open_plans.filter(
        ~Q(campaign__status=CampaignStatus.PUBLISHED) | Q(campaign__deadline__lt=today)
    )
    starting = Plan.objects.filter(status__in=RUNNING, next_due__lte=today)
    again = Period.objects.filter(
        plan__method=MethodKind.REMINDER,
        status=PeriodStatus.REMINDED,
        start__lte=today - REMIND_AGAIN_AFTER,
    )
    late = Period.objects.filter(status__in=PAYABLE | CHARGEABLE, start__lte=today - SKIP_AFTER)
    charged = Period.objects.filter(
        plan__method=MethodKind.AUTOMATIC,
        status__in=CHARGEABLE,
        charges__donation__status__in=[DonationStatus.SETTLED, DonationStatus.FAILED],
    ).distinct()
    now = timezone.now()
    linking = Plan.objects.filter(
        method=MethodKind.AUTOMATIC,
        status=PlanStatus.PENDING,
        created_at__lte=now - LINK_POLL_AFTER,
    )
    unsynced = Plan.objects.filter(method=MethodKind.AUTOMATIC, gateway_told__lt=F("gateway_moves"))
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
        "charges": _each(pks(charged), _charges, today),
        "skipped": _each(pks(late), _skip, today),
        "linking": _each(pks(linking), _linking, today),
        "gateway": _each(pks(unsynced), _gateway, today),
        "notices": _each(pks(notices), _notice, today),
        "requeued": _each(pks(lost), _requeue, today),
    }
