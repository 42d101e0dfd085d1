"""The gateway's charges of automatic plans (decision 37): each `SUBS-…` charge becomes a
donation of its plan's current period, the period is charged once its donation settles, and
after every retry failed the period is skipped, the plan paused and the donor told why.

`plan_charge_resolve` is the resolver registered with `payments.subscriptions` (from this
app's AppConfig.ready): payments calls it, inside the transaction that applies the report,
for a charge it has no donation of yet. The donation is keyed by the gateway's order id, so a
report delivered twice finds the same one; the period is a unique row, charged at most once,
so no order of arrival books a period twice. Settlement reaches the period through
`payments.signals.donation_settled` (`services.period_settled_receive`), a failure through
`subscription_charge_reported`; the sweep does both again for a signal a dead worker lost.
"""

from __future__ import annotations

import datetime
import logging

from django.db import transaction
from django.utils import timezone

from gotong.audit.models import AuditAction
from gotong.audit.services import audit_record
from gotong.donations.models import Donation, DonationStatus
from gotong.donations.services import donation_create
from gotong.recurring.emails import plan_email_queue
from gotong.recurring.gateway import ATTEMPTS
from gotong.recurring.models import MethodKind, Period, Plan, PlanCharge, PlanEmailKind
from gotong.recurring.services import (
    period_move_locked,
    period_settle_locked,
    periods_open_locked,
    plan_gateway_mark_locked,
    plan_move_locked,
)
from gotong.recurring.transitions import CHARGEABLE, PeriodEvent, PeriodStatus, PlanEvent

logger = logging.getLogger(__name__)


def plan_charge_resolve(
    *,
    gateway: str,
    subscription_id: str,
    order_id: str,
    amount: int,
    payment_type: str,
    charged_at: datetime.datetime | None = None,
) -> Donation | None:
    """The pending donation of a charge of one of our subscriptions, made the first time
    (`donation_create` with the gateway's order id) and attached to the period it was made
    for: the plan's latest period started by the day of the charge (`charged_at`, else today;
    the periods started by then are opened first), while that period is still open (due, or
    failed and being retried). A charge whose period is charged or skipped already pays no
    period: it is an ordinary gift. None for a subscription that is no plan's. Raises
    ValidationError when the campaign takes no gifts (payments keeps the report and answers
    404; decision 35)."""
    plan = (
        Plan.objects.select_for_update()
        .select_related("campaign")
        .filter(gateway=gateway, gateway_subscription_id=subscription_id)
        .first()
    )
    if plan is None or not subscription_id:
        return None
    found = Donation.objects.filter(order_id=order_id).first()
    if found is not None:
        return found
    today = timezone.localdate()
    day = min(today, timezone.localdate(charged_at)) if charged_at is not None else today
    periods_open_locked(plan=plan, today=day)
    period = plan.periods.filter(start__lte=day).order_by("-start").first()
    if period is not None and period.status not in CHARGEABLE:
        logger.warning("plan %s: charge %s finds its period %s", plan.pk, order_id, period.status)
        period = None
    donation = donation_create(
        campaign=plan.campaign,
        amount=amount,
        name=plan.name,
        email=plan.email,
        is_anonymous=plan.is_anonymous,
        message=plan.message,
        donor=plan.donor,
        gateway=gateway,
        language=plan.language,
        order_id=order_id,
    )
    PlanCharge.objects.create(plan=plan, period=period, donation=donation)
    return donation


def _failures(period: Period) -> int:
    return period.charges.filter(donation__status=DonationStatus.FAILED).count()


def period_charges_check_locked(*, plan: Plan, period: Period, reason: str = "") -> str:
    """Bring a period of an automatic plan in step with its charges (plan and period locked,
    in that order, by the caller): charged by a settled one, failed by a failed one, and after
    `ATTEMPTS` failures skipped, with the plan paused (`fail`, an audit row by the platform)
    and the donor's email claimed once. Returns what it did ('' for nothing)."""
    if period.status not in CHARGEABLE:
        return ""
    settled = period.charges.filter(donation__status=DonationStatus.SETTLED).first()
    if settled is not None:
        moved = period_settle_locked(period=period, plan=plan, donation_id=settled.donation_id)
        return "charged" if moved else ""
    failures = _failures(period)
    if not failures:
        return ""
    if period.status == PeriodStatus.DUE:
        period_move_locked(period=period, event=PeriodEvent.FAIL)
    if failures < ATTEMPTS:
        return "failed"
    period_move_locked(period=period, event=PeriodEvent.SKIP)
    if not plan_move_locked(plan=plan, event=PlanEvent.FAIL, reason=reason[:200]).allowed:
        return "skipped"
    audit_record(
        actor=None,
        action=AuditAction.PLAN_FAIL,
        target=plan,
        data={"period": period.start.isoformat(), "attempts": failures, "gateway": reason[:200]},
    )
    plan_gateway_mark_locked(plan=plan)
    plan_email_queue(plan=plan, period_start=period.start, kind=PlanEmailKind.FAILED)
    return "paused"


def period_charges_check(*, period_id: int, reason: str = "") -> str:
    with transaction.atomic():
        plan_id = Period.objects.values_list("plan_id", flat=True).get(pk=period_id)
        plan = Plan.objects.select_for_update().get(pk=plan_id)
        period = Period.objects.select_for_update().get(pk=period_id)
        if plan.method != MethodKind.AUTOMATIC:
            return ""
        return period_charges_check_locked(plan=plan, period=period, reason=reason)


def charge_reported_receive(
    sender: object, donation_id: int, status_message: str = "", **kwargs: object
) -> None:
    """`payments.signals.subscription_charge_reported`, after the commit of a charge's move:
    a failed charge counts towards the period's retries (a settled one arrives through
    `donation_settled`)."""
    charge = PlanCharge.objects.select_related("donation").filter(donation_id=donation_id).first()
    if charge is None or charge.period_id is None:
        return
    if charge.donation.status == DonationStatus.FAILED:
        period_charges_check(period_id=charge.period_id, reason=status_message)
