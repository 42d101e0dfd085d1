"""Starting payments and applying what the gateway reports about them.

Notifications and status-API answers go through one function, `payment_report_apply`, so a
reconciled donation takes exactly the path a notified one does.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from functools import partial
from typing import TypedDict

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation

from gotong.core import rows
from gotong.core.i18n import language_or_default
from gotong.donations import services as donation_services
from gotong.donations.models import Donation, DonationStatus
from gotong.donations.transitions import DonationEvent, Outcome
from gotong.notifications.tasks import send_receipt_email
from gotong.payments.gateways import gateway_get, gateways_active
from gotong.payments.gateways.base import (
    GatewayError,
    PaymentRequest,
    Rejected,
    VerifiedReport,
)
from gotong.payments.models import NotificationOutcome, NotificationSource, PaymentNotification
from gotong.payments.refunds import refund_reported, refunds_open
from gotong.payments.signals import donation_settled, subscription_charge_reported
from gotong.payments.subscriptions import charge_resolve

RAW_BODY_LIMIT = 64 * 1024
# What a subscription's charge can report before its donation exists: paid, failed, pending.
# A refund or chargeback of a charge Gotong never booked stays an unknown order.
CHARGE_EVENTS = frozenset(
    {DonationEvent.PAID, DonationEvent.PENDING, DonationEvent.FAILED, DonationEvent.DENIED}
)
# Sent to the gateway with the refund of a payment that arrived after its campaign was closed.
CLOSED_CAMPAIGN_REFUND_REASON = "Kampanye sudah ditutup; donasi dikembalikan."


def payment_start(*, donation: Donation, save_card: bool = False) -> str:
    """Open a gateway transaction for a committed pending donation; return where to send the donor.
    `save_card`: card only, the card kept for later charges (a card plan's first gift).

    Runs outside any transaction: it is an outbound call, and the donation must already be
    committed so a fast notification can find it. Raises GatewayError when the gateway fails.
    """
    campaign = donation.campaign
    # The donor comes back to the finish page in the language they gave in (`/en/donasi/…`).
    with translation.override(language_or_default(donation.language)):
        finish_path = reverse("donations:finish", kwargs={"order_id": donation.order_id})
    session = gateway_get(donation.gateway).create_payment(
        PaymentRequest(
            order_id=donation.order_id,
            amount=donation.amount,
            item_id=f"campaign-{campaign.pk}",
            item_name=f"Donasi: {campaign.title}",
            customer_name=donation.name,
            customer_email=donation.email,
            finish_url=settings.PUBLIC_BASE_URL + finish_path,
            notification_url=settings.PUBLIC_BASE_URL
            + reverse("payments:notification", kwargs={"gateway": donation.gateway}),
            expiry_minutes=settings.PAYMENT_EXPIRY_MINUTES,
            save_card=save_card,
        )
    )
    donation_services.donation_payment_attach(
        donation=donation, token=session.token, payment_url=session.redirect_url
    )
    if session.amount is not None:  # the gateway made it part of the payment (a unique code)
        donation.amount = session.amount
    return session.redirect_url


class _Seen(TypedDict):
    order_id: str
    transaction_status: str


@dataclass(frozen=True)
class ReportResult:
    outcome: NotificationOutcome
    http_status: int
    detail: str = ""


_HTTP_STATUS = {
    NotificationOutcome.APPLIED: 200,
    NotificationOutcome.DUPLICATE: 200,
    NotificationOutcome.IGNORED: 200,
    NotificationOutcome.MALFORMED: 400,
    NotificationOutcome.BAD_SIGNATURE: 403,
    NotificationOutcome.UNKNOWN_ORDER: 404,
    NotificationOutcome.AMOUNT_MISMATCH: 400,
    NotificationOutcome.STATUS_MISMATCH: 400,
}


def _notification_record(
    *,
    gateway: str,
    raw_body: str,
    source: NotificationSource,
    outcome: NotificationOutcome,
    order_id: str = "",
    transaction_status: str = "",
    detail: str = "",
    remote_addr: str | None = None,
) -> ReportResult:
    rows.row_insert(
        instance=PaymentNotification(
            gateway=gateway,
            source=source,
            raw_body=raw_body[:RAW_BODY_LIMIT],
            order_id=order_id[:100],
            transaction_status=transaction_status[:32],
            outcome=outcome,
            detail=detail[:300],
            remote_addr=remote_addr,
        )
    )
    return ReportResult(outcome=outcome, http_status=_HTTP_STATUS[outcome], detail=detail)


def payment_report_apply(
    *,
    raw_body: str,
    source: NotificationSource,
    gateway: str = "midtrans",
    remote_addr: str | None = None,
) -> ReportResult:
    """Verify one gateway status message and apply it to its donation; record it either way.

    The plugin parses and verifies; the donation's transition table decides; the notification
    row records the outcome (with the reason of a refused move) in the same transaction."""
    record = partial(
        _notification_record,
        gateway=gateway,
        raw_body=raw_body,
        source=source,
        remote_addr=remote_addr,
    )
    parsed = gateway_get(gateway).parse_report(raw_body)
    if isinstance(parsed, Rejected):
        with transaction.atomic():
            return record(
                outcome=parsed.outcome,
                order_id=parsed.order_id,
                transaction_status=parsed.transaction_status,
                detail=parsed.detail,
            )
    seen = _Seen(order_id=parsed.order_id, transaction_status=parsed.transaction_status)
    with transaction.atomic():
        donation = donation_services.donation_lock(order_id=parsed.order_id)
        refused = ""
        if donation is None and parsed.subscription_id and parsed.event in CHARGE_EVENTS:
            donation, refused = _charge_donation_lock(gateway=gateway, report=parsed)
        if donation is None or donation.gateway != gateway:
            return record(outcome=NotificationOutcome.UNKNOWN_ORDER, detail=refused, **seen)
        if parsed.amount != donation.amount:
            return record(
                outcome=NotificationOutcome.AMOUNT_MISMATCH,
                detail=f"gateway says {parsed.amount}, donation is {donation.amount}",
                **seen,
            )
        result = donation_report_apply_locked(
            donation=donation,
            report=donation_services.GatewayReport(
                event=parsed.event,
                transaction_status=parsed.transaction_status,
                payment_type=parsed.payment_type,
                transaction_id=parsed.transaction_id,
            ),
        )
        if parsed.subscription_id and result.outcome == Outcome.APPLIED:
            transaction.on_commit(
                partial(
                    subscription_charge_reported.send,
                    sender=Donation,
                    subscription_id=parsed.subscription_id,
                    donation_id=donation.pk,
                    transaction_status=parsed.transaction_status,
                    status_message=parsed.status_message,
                ),
                robust=True,
            )
        return record(
            outcome=NotificationOutcome(result.outcome.value),
            detail=result.reason or f"{parsed.transaction_status} → donation {result.status}",
            **seen,
        )


def _charge_donation_lock(*, gateway: str, report: VerifiedReport) -> tuple[Donation | None, str]:
    """The donation of a subscription's charge this platform has not seen yet: the registered
    resolver makes it (or finds it, keyed by the order id), then it is locked like any other;
    None when the subscription is not one of ours, or with the reason the resolver could not
    make it (the notification row keeps it, the gateway is told 404 and tries again later;
    payments.subscriptions, decision 35)."""
    try:
        with transaction.atomic():
            found = charge_resolve(
                gateway=gateway,
                subscription_id=report.subscription_id,
                order_id=report.order_id,
                amount=report.amount,
                payment_type=report.payment_type,
                charged_at=report.transaction_time,
            )
    except IntegrityError:
        # The same charge reported twice at once: the other report created its donation.
        return donation_services.donation_lock(order_id=report.order_id), ""
    except ValidationError as exc:
        return None, "charge resolver refused: " + "; ".join(exc.messages)
    return (None if found is None else donation_services.donation_lock(pk=found.pk)), ""


def donation_event_apply(
    *, donation: Donation, event: str, report: donation_services.GatewayReport | None = None
) -> donation_services.TransitionResult:
    """Lock a donation and apply `event` with everything it means, in its own transaction:
    what demo data, tools and tests use where a gateway would have sent a notification."""
    with transaction.atomic():
        locked = donation_services.donation_lock(pk=donation.pk)
        assert locked is not None
        result = donation_report_apply_locked(
            donation=locked, report=report or donation_services.GatewayReport(event=event)
        )
    donation.status, donation.fee, donation.settled_at = (
        locked.status,
        locked.fee,
        locked.settled_at,
    )
    return result


def donation_report_apply_locked(
    *, donation: Donation, report: donation_services.GatewayReport
) -> donation_services.TransitionResult:
    """Move a locked donation by a verified report, with what the move means beyond the
    donation: its donor's receipt email and `signals.donation_settled` (the log seals it)
    after commit, a settlement into a closed campaign opens its refund, and a refund the
    gateway reports is reconciled with its refund record, all in the caller's transaction."""
    result = donation_services.donation_transition_locked(donation=donation, report=report)
    if result.outcome != Outcome.APPLIED:
        return result
    if result.status == DonationStatus.SETTLED:
        # Only once this settlement is committed; a rollback discards both. The task sends at
        # most once per donation (notifications.services.receipt_email_send); the log seals
        # the settlement soon, so its receipt proves itself within a minute.
        if donation.email:
            transaction.on_commit(
                partial(send_receipt_email.enqueue, donation_id=donation.pk), robust=True
            )
        transaction.on_commit(
            partial(donation_settled.send, sender=Donation, donation_id=donation.pk), robust=True
        )
    if result.into_closed_campaign:
        refunds_open(donations=[donation], reason=CLOSED_CAMPAIGN_REFUND_REASON)
    elif result.status == DonationStatus.REFUNDED:
        refund_reported(donation=donation)
    return result


def donations_reconcile(*, now: datetime.datetime | None = None, limit: int = 200) -> int:
    """Ask the gateway about donations pending too long; apply each answer. Returns how many.

    A donation the gateway has never heard of (the donor never picked a payment method) is
    failed once its payment window has closed.
    """
    now = now or timezone.now()
    asked_before = now - datetime.timedelta(minutes=settings.RECONCILE_AFTER_MINUTES)
    window_closed_before = now - datetime.timedelta(minutes=settings.PAYMENT_EXPIRY_MINUTES + 5)
    pending = Donation.objects.filter(
        status=DonationStatus.PENDING,
        created_at__lt=asked_before,
        gateway__in=[g for g in gateways_active() if gateway_get(g).has_status_api],
    ).order_by("created_at")[:limit]
    handled = 0
    for donation in pending:
        try:
            raw = gateway_get(donation.gateway).fetch_status(donation.order_id)
        except GatewayError:
            continue
        if raw is not None:
            payment_report_apply(
                raw_body=raw, source=NotificationSource.STATUS_API, gateway=donation.gateway
            )
        elif donation.created_at < window_closed_before:
            donation_expire_unpaid(order_id=donation.order_id)
        handled += 1
    return handled


def donation_expire_unpaid(*, order_id: str) -> None:
    """Fail a donation the gateway never opened a transaction for, after its window closed."""
    with transaction.atomic():
        donation = donation_services.donation_lock(order_id=order_id)
        assert donation is not None
        result = donation_services.donation_transition_locked(
            donation=donation,
            report=donation_services.GatewayReport(
                event=DonationEvent.FAILED, transaction_status="expire"
            ),
        )
        _notification_record(
            gateway=donation.gateway,
            raw_body="",
            source=NotificationSource.STATUS_API,
            outcome=NotificationOutcome(result.outcome.value),
            order_id=order_id,
            transaction_status="expire",
            detail=result.reason or "no transaction at the gateway after the payment window closed",
        )
