"""Starting an automatic plan (decision 37), then the gateway's subscription charging on the
plan's schedule; the plan is active from then on.

GoPay: the plan (pending), the donor's account linked at the gateway (`pay_account_link`: the
donor approves it on GoPay's page and comes back to `recurring:linked`), the subscription
charging the linked account; its first charge is on the plan's first day (today when today is
the chosen day, otherwise the next one).

Card: the plan (pending) and its first period paid now by card through the gateway's payment
page, which keeps the card (`save_card`); once that gift settles, the subscription charges the
saved card from the next period on."""

from __future__ import annotations

import datetime
import re
from enum import StrEnum

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from gotong.accounts.models import User
from gotong.campaigns.models import Campaign
from gotong.core.i18n import language_current, language_or_default
from gotong.donations.models import DonationStatus
from gotong.payments.gateways import gateway_get, gateways_active
from gotong.payments.gateways.base import (
    GatewayError,
    RecurringGateway,
    SubscriptionRequest,
    VerifiedReport,
)
from gotong.recurring.emails import plan_email_queue
from gotong.recurring.gateway import (
    RETRY,
    Busy,
    plan_gateway_move_locked,
    plan_leased,
    plan_schedule,
    recurring_gateway,
)
from gotong.recurring.models import (
    AutomaticType,
    Cadence,
    MethodKind,
    Period,
    Plan,
    PlanEmailKind,
)
from gotong.recurring.schedule import next_start
from gotong.recurring.services import PlanStarted, period_pay, plan_move_locked, plan_validate
from gotong.recurring.tokens import plan_key_make
from gotong.recurring.transitions import PlanEvent, PlanStatus

# An Indonesian mobile number as GoPay knows it: 8…, 9 to 12 digits without 0 or +62.
GOPAY_PHONE_RE = re.compile(r"^8[0-9]{8,11}$")


def automatic_gateway() -> str:
    """The first active plugin that can charge on a schedule ('' when none can)."""
    for name in gateways_active():
        try:
            recurring_gateway(name)
        except GatewayError:
            continue
        return name
    return ""


def gopay_phone_clean(phone: str) -> str:
    """ "81234567890" from "0812-3456-7890", "+62 812 3456 7890" or "62812…"; ValidationError
    for anything else."""
    digits = re.sub(r"[\s().+-]", "", phone)
    digits = digits.removeprefix("62") if digits.startswith("62") else digits.removeprefix("0")
    if not GOPAY_PHONE_RE.match(digits):
        raise ValidationError(
            {"phone": [_("Isi nomor HP yang terdaftar di GoPay, misalnya 0812 3456 7890.")]}
        )
    return digits


def first_day(*, cadence: str, day: int, today: datetime.date) -> datetime.date:
    """Today when it is one of the plan's days, otherwise the next one."""
    on_day = today.weekday() == day if cadence == Cadence.WEEKLY else today.day == day
    return today if on_day else next_start(cadence=cadence, day=day, after=today)


def link_return_url(*, plan: Plan) -> str:
    """Where GoPay sends the donor back after they answered the link request."""
    with translation.override(language_or_default(plan.language)):
        path = reverse("recurring:linked", kwargs={"plan_id": plan.pk})
    return f"{settings.PUBLIC_BASE_URL}{path}?kunci={plan_key_make(plan_id=plan.pk)}"


def plan_start_automatic(
    *,
    campaign: Campaign,
    amount: int,
    cadence: str,
    day: int,
    name: str,
    email: str,
    is_anonymous: bool,
    message: str,
    payment_type: str,
    phone: str,
    donor: User | None,
    language: str | None = None,
) -> PlanStarted:
    """Start a GoPay plan: the plan (pending, nothing charged yet) and the link request at the
    gateway; `payment_url` is where the donor approves it. Raises ValidationError (nothing
    created) or GatewayError (the plan stays pending and the sweep cancels it)."""
    name, email, message = name.strip(), email.strip().lower(), message.strip()
    errors: dict[str, list[str]] = {}
    try:
        plan_validate(
            campaign=campaign,
            amount=amount,
            cadence=cadence,
            day=day,
            name=name,
            email=email,
            message=message,
            method=MethodKind.AUTOMATIC,
        )
    except ValidationError as exc:
        errors |= exc.message_dict
    if payment_type not in AutomaticType.values:
        errors["kind"] = [_("Pilih GoPay atau kartu.")]
    number = ""
    if payment_type == AutomaticType.GOPAY:
        try:
            number = gopay_phone_clean(phone)
        except ValidationError as exc:
            errors |= exc.message_dict
    gateway = automatic_gateway()
    if not gateway:
        errors["kind"] = [_("Penagihan otomatis belum tersedia di sini.")]
    if errors:
        raise ValidationError(errors)
    today = timezone.localdate()
    card = payment_type == AutomaticType.CARD
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
            method=MethodKind.AUTOMATIC,
            payment_type=payment_type,
            gateway=gateway,
            donor=donor if donor is not None and donor.is_authenticated else None,
            next_due=(
                next_start(cadence=cadence, day=day, after=today)
                if card
                else first_day(cadence=cadence, day=day, today=today)
            ),
        )
        if card:
            period = Period.objects.create(plan=plan, start=today, amount=amount)
    if card:
        return PlanStarted(plan=plan, payment_url=period_pay(period_id=period.pk).payment_url)
    account = recurring_gateway(gateway).pay_account_link(
        customer_name=name,
        customer_email=email,
        phone=number,
        callback_url=link_return_url(plan=plan),
    )
    Plan.objects.filter(pk=plan.pk).update(pay_account_id=account.id)
    plan.pay_account_id = account.id
    return PlanStarted(plan=plan, payment_url=account.activation_url)


class Linked(StrEnum):
    ACTIVE = "active"  # linked and subscribed (now or before)
    WAITING = "waiting"  # the donor has not answered GoPay yet
    DECLINED = "declined"  # refused or expired: the plan is cancelled
    STOPPED = "stopped"  # cancelled or ended meanwhile


def _subscription_request(plan: Plan, *, token: str) -> SubscriptionRequest:
    card = plan.payment_type == AutomaticType.CARD
    return SubscriptionRequest(
        # Every charge's order id is "SUBS-GTG-R-<plan>-…" (decision 35: short, no dots).
        name=f"GTG-R-{plan.pk}",
        amount=plan.amount,
        payment_type="credit_card" if card else "gopay",
        token=token,
        schedule=plan_schedule(plan),
        retry_schedule=RETRY,
        customer_name=plan.name,
        customer_email=plan.email,
        gopay_account_id="" if card else plan.pay_account_id,
        notification_url=settings.PUBLIC_BASE_URL
        + reverse("payments:notification", kwargs={"gateway": plan.gateway}),
    )


def plan_link_complete(*, plan_id: int) -> Linked:
    """The donor came back from GoPay (or the sweep asks for them): an ENABLED account gets
    its subscription and the plan is active (with its "dimulai" email); a refused or expired
    one cancels the plan. The plan's gateway lease keeps a reload, a second tab and the sweep
    from making a second subscription. Raises GatewayError (nothing changed)."""
    plan = Plan.objects.get(pk=plan_id)
    if plan.status != PlanStatus.PENDING:
        return Linked.ACTIVE if plan.gateway_subscription_id else Linked.STOPPED
    card = plan.payment_type == AutomaticType.CARD
    if plan.method != MethodKind.AUTOMATIC or not (plan.pay_account_id or card):
        return Linked.WAITING
    try:
        with plan_leased(plan_id=plan_id) as plan:
            if plan.status != PlanStatus.PENDING or plan.gateway_subscription_id:
                return Linked.ACTIVE if plan.gateway_subscription_id else Linked.STOPPED
            gateway = recurring_gateway(plan.gateway)
            status, token = _card_token(plan) if card else _gopay_token(gateway, plan)
            subscription = None
            if token:
                subscription = gateway.subscription_create(_subscription_request(plan, token=token))
            with transaction.atomic():
                return _linked_locked(
                    Plan.objects.select_for_update().get(pk=plan_id),
                    account_status=status,
                    subscription_id=subscription.id if subscription is not None else "",
                )
    except Busy:
        return Linked.WAITING


def _gopay_token(gateway: RecurringGateway, plan: Plan) -> tuple[str, str]:
    """The linked account's status, and its wallet token once ENABLED."""
    account = gateway.pay_account_get(plan.pay_account_id)
    token = account.payment_option_token if account.status == "ENABLED" else ""
    return account.status, token


def _card_token(plan: Plan) -> tuple[str, str]:
    """The card kept by the first period's payment, asked of the gateway's status API once
    that gift settled ("PENDING" until then)."""
    first = plan.periods.select_related("donation").order_by("start").first()
    donation = first.donation if first is not None else None
    if donation is None or donation.status != DonationStatus.SETTLED:
        return "PENDING", ""
    plugin = gateway_get(plan.gateway)
    raw = plugin.fetch_status(donation.order_id)
    report = plugin.parse_report(raw) if raw is not None else None
    token = report.saved_token_id if isinstance(report, VerifiedReport) else ""
    if not token:
        raise GatewayError(f"no saved card for {donation.order_id}")
    return "ENABLED", token


def _linked_locked(plan: Plan, *, account_status: str, subscription_id: str) -> Linked:
    if subscription_id:
        plan.gateway_subscription_id = subscription_id
        plan.save(update_fields=["gateway_subscription_id", "updated_at"])
    if plan.status != PlanStatus.PENDING:
        # Cancelled while GoPay was asked: what was made is stopped once the lease is back.
        plan_gateway_move_locked(plan=plan)
        return Linked.STOPPED
    if subscription_id:
        plan_move_locked(plan=plan, event=PlanEvent.ACTIVATE)
        plan_email_queue(plan=plan, period_start=plan.next_due, kind=PlanEmailKind.STARTED)
        return Linked.ACTIVE
    if account_status == "PENDING":
        return Linked.WAITING
    plan_move_locked(plan=plan, event=PlanEvent.CANCEL, reason="GoPay not linked")
    return Linked.DECLINED
