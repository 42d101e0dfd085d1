"""Writes for donasi rutin: start a plan, pay one of its periods through the normal donation
flow (`payments.checkout.donation_start`), settle the period when its donation settles, and
the donor's own moves (pause, resume, cancel, change). Every move of a plan or a period asks
`recurring.transitions`; a refused one is recorded as a `PlanMove` with its reason.
docs/decisions/0034-recurring-plans.md"""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass
from functools import partial
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gotong.accounts.models import User
from gotong.campaigns.models import Campaign
from gotong.core.i18n import language_current
from gotong.core.statemachine import Decision
from gotong.donations.models import DonationStatus
from gotong.donations.services import donation_validate
from gotong.payments.checkout import donation_start
from gotong.payments.gateways import gateways_active
from gotong.recurring.emails import plan_email_queue
from gotong.recurring.gateway import plan_gateway_move_locked
from gotong.recurring.models import (
    MONTH_DAY_MAX,
    AutomaticType,
    Cadence,
    MethodKind,
    Period,
    Plan,
    PlanCharge,
    PlanEmailKind,
    PlanMove,
)
from gotong.recurring.schedule import next_start
from gotong.recurring.transitions import (
    CHARGEABLE,
    PAYABLE,
    PLAN_FINAL,
    RUNNING,
    PeriodEvent,
    PlanEvent,
    PlanStatus,
    period_decide,
    plan_decide,
)

logger = logging.getLogger(__name__)

# A tap on a payment link holds the period this long while it opens the gateway transaction.
PAYING_HOLD = datetime.timedelta(minutes=2)
# A reminder plan's period found this late by the scheduler is skipped without an email.
SKIP_AFTER = datetime.timedelta(days=6)


def plan_move_locked(*, plan: Plan, event: str, reason: str = "") -> Decision:
    """Move a plan the caller holds locked by the table; record the move, applied or refused."""
    decision = plan_decide(status=plan.status, event=event)
    PlanMove.objects.create(
        plan=plan,
        event=event,
        from_status=plan.status,
        to_status=decision.to,
        applied=decision.allowed,
        reason=decision.reason or reason,
    )
    if decision.allowed and decision.to != plan.status:
        plan.status = decision.to
        plan.save(update_fields=["status", "updated_at"])
    return decision


def period_move_locked(*, period: Period, event: str) -> Decision:
    decision = period_decide(status=period.status, event=event)
    PlanMove.objects.create(
        plan_id=period.plan_id,
        period=period,
        event=event,
        from_status=period.status,
        to_status=decision.to,
        applied=decision.allowed,
        reason=decision.reason,
    )
    if decision.allowed:
        period.status = decision.to
        period.save(update_fields=["status", "updated_at"])
    return decision


def plan_validate(
    *,
    campaign: Campaign,
    amount: int,
    cadence: str,
    day: int,
    name: str,
    email: str,
    message: str,
    method: str,
) -> None:
    """Raise ValidationError with per-field Indonesian messages; changes nothing."""
    errors: dict[str, Any] = {}
    try:
        donation_validate(campaign=campaign, amount=amount, name=name, email=email, message=message)
    except ValidationError as exc:
        errors |= exc.message_dict
    if not campaign.recurring_allowed:
        errors["__all__"] = [_("Kampanye ini tidak menerima donasi rutin.")]
    if not email.strip():
        errors["email"] = [_("Email wajib diisi untuk donasi rutin: ke sanalah pengingatnya.")]
    if cadence not in Cadence.values:
        errors["cadence"] = [_("Pilih tiap pekan atau tiap bulan.")]
    elif not (0 <= day <= 6 if cadence == Cadence.WEEKLY else 1 <= day <= MONTH_DAY_MAX):
        errors["day"] = [
            _("Pilih hari dalam sepekan.")
            if cadence == Cadence.WEEKLY
            else _("Pilih tanggal 1 sampai %(max)d.") % {"max": MONTH_DAY_MAX}
        ]
    if method not in MethodKind.values:
        errors["method"] = [_("Pilih cara membayar.")]
    if errors:
        raise ValidationError(errors)


@dataclass(frozen=True)
class PlanStarted:
    plan: Plan
    payment_url: str  # the first period's payment page


def plan_start(
    *,
    campaign: Campaign,
    amount: int,
    cadence: str,
    day: int,
    name: str,
    email: str,
    is_anonymous: bool,
    message: str,
    method: str,
    payment_method: str,
    donor: User | None,
    referrer: User | None = None,
    language: str | None = None,
) -> PlanStarted:
    """Start a reminder plan: the plan (pending), its first period starting today, and that
    period's gift through `donation_start`; the plan becomes active when the gift settles.

    The one entry point of the web form and the API for reminder plans (automatic ones start
    by `recurring.automatic.plan_start_automatic`). Raises ValidationError (nothing created)
    or GatewayError (the plan stays pending; its first period can be paid again)."""
    if method == MethodKind.AUTOMATIC:
        raise ValidationError({"method": [_("Pilih GoPay untuk penagihan otomatis.")]})
    name, email, message = name.strip(), email.strip().lower(), message.strip()
    plan_validate(
        campaign=campaign,
        amount=amount,
        cadence=cadence,
        day=day,
        name=name,
        email=email,
        message=message,
        method=method,
    )
    gateways = gateways_active()
    gateway = payment_method or gateways[0]
    if gateway not in gateways:
        raise ValidationError({"payment_method": [_("Pilih metode pembayaran yang tersedia.")]})
    today = timezone.localdate()
    with transaction.atomic():
        plan = Plan.objects.create(
            campaign=campaign,
            amount=amount,
            cadence=cadence,
            day=day,
            name=name,
            email=email,
            is_anonymous=is_anonymous,
            message=message,
            language=language or language_current(),
            method=method,
            gateway=gateway,
            donor=donor if donor is not None and donor.is_authenticated else None,
            next_due=next_start(cadence=cadence, day=day, after=today),
        )
        period = Period.objects.create(plan=plan, start=today, amount=amount)
    paid = period_pay(period_id=period.pk, referrer=referrer)
    return PlanStarted(plan=plan, payment_url=paid.payment_url)


@dataclass(frozen=True)
class PeriodPayment:
    payment_url: str = ""  # where the donor pays; empty when refused
    refused: str = ""  # why no payment: the period is paid, skipped, or being prepared


def period_pay(*, period_id: int, referrer: User | None = None) -> PeriodPayment:
    """The gift of one period, from its payment link: the donation still pending is reused;
    otherwise a new one is made through `donation_start` and linked to the period. A period
    that is paid, skipped or being prepared by another tap gets none (never two gifts)."""
    now = timezone.now()
    with transaction.atomic():
        period = Period.objects.select_for_update().get(pk=period_id)
        plan = Plan.objects.select_related("campaign").get(pk=period.plan_id)
        current = period.donation
        if current is not None and current.status == DonationStatus.SETTLED:
            period_settle_locked(period=period, plan=plan)
        if period.status not in PAYABLE or plan.status in PLAN_FINAL:
            period_move_locked(period=period, event=PeriodEvent.PAY)
            return PeriodPayment(refused=_("Periode ini sudah dibayar atau sudah lewat."))
        if current is not None and current.status == DonationStatus.PENDING and current.payment_url:
            return PeriodPayment(payment_url=current.payment_url)
        if period.paying_since is not None and period.paying_since > now - PAYING_HOLD:
            return PeriodPayment(refused=_("Pembayaran sedang disiapkan. Coba lagi sebentar."))
        Period.objects.filter(pk=period.pk).update(paying_since=now)
    try:
        checkout = donation_start(
            campaign=plan.campaign,
            amount=period.amount,
            name=plan.name,
            email=plan.email,
            is_anonymous=plan.is_anonymous,
            message=plan.message,
            donor=plan.donor,
            referrer=referrer,
            payment_method=plan.gateway,
            language=plan.language,
            # A card plan's first gift keeps the card for the subscription's charges.
            save_card=plan.payment_type == AutomaticType.CARD,
        )
    except BaseException:
        Period.objects.filter(pk=period.pk, paying_since=now).update(paying_since=None)
        raise
    # Linked and released in one statement: a tap in between would start a second gift.
    Period.objects.filter(pk=period.pk).update(donation=checkout.donation, paying_since=None)
    return PeriodPayment(payment_url=checkout.payment_url)


def period_settle_locked(*, period: Period, plan: Plan, donation_id: int | None = None) -> bool:
    """The period's gift settled. Its own donation (from its payment link, or a card plan's
    first payment) pays it: a pending reminder plan becomes active, with its "donasi rutin
    dimulai" email, and a pending card plan gets its subscription after the commit. A gateway
    charge's donation (`donation_id`, not the period's own) charges it and becomes the one
    that paid it. True when this call moved the period; a period paid or charged already
    keeps its own gift."""
    charged = donation_id is not None and donation_id != period.donation_id
    event = PeriodEvent.CHARGE if charged else PeriodEvent.PAY
    if not period_move_locked(period=period, event=event).allowed:
        return False
    if charged:
        period.donation_id = donation_id
        period.save(update_fields=["donation", "updated_at"])
    if plan.method == MethodKind.AUTOMATIC:
        if plan.status == PlanStatus.PENDING and plan.payment_type == AutomaticType.CARD:
            from gotong.recurring.tasks import subscribe_card_plan  # tasks import this module

            transaction.on_commit(
                partial(subscribe_card_plan.enqueue, plan_id=plan.pk), robust=True
            )
        return True
    if plan.status == PlanStatus.PENDING:
        locked = Plan.objects.select_for_update().get(pk=plan.pk)
        if plan_move_locked(plan=locked, event=PlanEvent.ACTIVATE).allowed:
            plan.status = locked.status
            plan_email_queue(plan=locked, period_start=period.start, kind=PlanEmailKind.STARTED)
    return True


def period_settled_receive(sender: object, donation_id: int, **kwargs: object) -> None:
    """`payments.signals.donation_settled`: the gift of a period (if it is one) settled."""
    with transaction.atomic():
        period = Period.objects.select_for_update().filter(donation_id=donation_id).first()
        if period is None:
            charge = PlanCharge.objects.filter(donation_id=donation_id).first()
            if charge is None or charge.period_id is None:
                return
            period = Period.objects.select_for_update().get(pk=charge.period_id)
        plan = Plan.objects.get(pk=period.plan_id)
        period_settle_locked(period=period, plan=plan, donation_id=donation_id)


DONOR_EVENTS = frozenset({PlanEvent.PAUSE, PlanEvent.RESUME, PlanEvent.CANCEL})


def plan_donor_move(*, plan: Plan, event: str) -> Decision:
    """Pause, resume or cancel, by the donor from their signed link. A resumed plan's next
    period is the next one from today (the paused ones are not asked for)."""
    if event not in DONOR_EVENTS:
        raise ValueError(event)
    with transaction.atomic():
        locked = Plan.objects.select_for_update().get(pk=plan.pk)
        decision = plan_move_locked(plan=locked, event=event)
        if decision.allowed and event == PlanEvent.RESUME:
            today = timezone.localdate()
            if locked.next_due <= today:
                locked.next_due = next_start(cadence=locked.cadence, day=locked.day, after=today)
                locked.save(update_fields=["next_due", "updated_at"])
        if decision.allowed:
            plan_gateway_mark_locked(plan=locked)
        return decision


def plan_gateway_mark_locked(*, plan: Plan) -> None:
    """In the transaction of a move of an automatic plan the caller holds locked: the gateway
    is told right after the commit (`recurring.gateway.plan_gateway_sync`; the sweep tries
    again if that fails). A plan that stops charging skips its periods still open: the
    gateway will not charge them, and a resumed plan goes on from its next period."""
    if plan.method != MethodKind.AUTOMATIC or not (
        plan.gateway_subscription_id or plan.pay_account_id
    ):
        return
    if plan.status != PlanStatus.ACTIVE:
        for period in plan.periods.select_for_update().filter(status__in=CHARGEABLE):
            period_move_locked(period=period, event=PeriodEvent.SKIP)
    plan_gateway_move_locked(plan=plan)


def periods_open_locked(*, plan: Plan, today: datetime.date) -> int:
    """Create every period of the running plan that has started by `today` (one row per
    start). A reminder plan's gets its reminder email, or is skipped when found more than
    `SKIP_AFTER` late (the scheduler was down); an automatic plan's waits for its charge."""
    made = 0
    while plan.status in RUNNING and plan.next_due <= today:
        start = plan.next_due
        period, created = Period.objects.get_or_create(
            plan=plan, start=start, defaults={"amount": plan.amount}
        )
        made += created
        if created and plan.method == MethodKind.REMINDER:
            if today - start >= SKIP_AFTER:
                period_move_locked(period=period, event=PeriodEvent.SKIP)
            elif period_move_locked(period=period, event=PeriodEvent.REMIND).allowed:
                plan_email_queue(plan=plan, period_start=start, kind=PlanEmailKind.REMINDER)
        plan.next_due = next_start(cadence=plan.cadence, day=plan.day, after=start)
        plan.save(update_fields=["next_due", "updated_at"])
    return made


def plan_change(*, plan: Plan, amount: int, day: int) -> Plan:
    """A new amount or day for the periods to come (a period already started keeps its own)."""
    with transaction.atomic():
        locked = Plan.objects.select_for_update().select_related("campaign").get(pk=plan.pk)
        if locked.status in PLAN_FINAL:
            raise ValidationError(_("Donasi rutin ini sudah berhenti."))
        errors: dict[str, Any] = {}
        try:
            donation_validate(
                campaign=locked.campaign, amount=amount, name=locked.name, email="", message=""
            )
        except ValidationError as exc:
            errors = {k: v for k, v in exc.message_dict.items() if k == "amount"}
        week = locked.cadence == Cadence.WEEKLY
        if not (0 <= day <= 6 if week else 1 <= day <= MONTH_DAY_MAX):
            errors["day"] = [_("Pilih hari yang tersedia.")]
        if errors:
            raise ValidationError(errors)
        if day != locked.day:
            last = locked.periods.order_by("-start").values_list("start", flat=True).first()
            after = max(timezone.localdate(), last or timezone.localdate())
            locked.next_due = next_start(cadence=locked.cadence, day=day, after=after)
        locked.amount, locked.day = amount, day
        locked.save(update_fields=["amount", "day", "next_due", "updated_at"])
        plan_gateway_mark_locked(plan=locked)
        return locked
