"""Starting payments and applying what the gateway reports about them.

Notifications and status-API answers go through one function, `payment_report_apply`, so a
reconciled donation takes exactly the path a notified one does.
"""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation

from gotong.core.i18n import language_or_default
from gotong.core.money import parse_gateway_amount
from gotong.donations import services as donation_services
from gotong.donations.models import Donation, DonationStatus
from gotong.payments.gateways import gateway_get
from gotong.payments.gateways.base import GatewayError, PaymentRequest
from gotong.payments.gateways.midtrans import protocol
from gotong.payments.models import NotificationOutcome, NotificationSource, PaymentNotification

RAW_BODY_LIMIT = 64 * 1024


def payment_start(*, donation: Donation) -> str:
    """Open a gateway transaction for a committed pending donation; return where to send the donor.

    Runs outside any transaction: it is an outbound call, and the donation must already be
    committed so a fast notification can find it. Raises GatewayError when the gateway fails.
    """
    campaign = donation.campaign
    # The donor comes back to the finish page in the language they gave in (`/en/donasi/…`).
    with translation.override(language_or_default(donation.language)):
        finish_path = reverse("donations:finish", kwargs={"order_id": donation.order_id})
    session = gateway_get().create_payment(
        PaymentRequest(
            order_id=donation.order_id,
            amount=donation.amount,
            item_id=f"campaign-{campaign.pk}",
            item_name=f"Donasi: {campaign.title}",
            customer_name=donation.name,
            customer_email=donation.email,
            finish_url=settings.PUBLIC_BASE_URL + finish_path,
            notification_url=settings.PUBLIC_BASE_URL + reverse("payments:midtrans-notification"),
            expiry_minutes=settings.PAYMENT_EXPIRY_MINUTES,
        )
    )
    donation_services.donation_payment_attach(
        donation=donation, token=session.token, payment_url=session.redirect_url
    )
    return session.redirect_url


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
}


def _record(
    *,
    raw_body: str,
    source: NotificationSource,
    outcome: NotificationOutcome,
    payload: dict[str, Any] | None,
    detail: str = "",
    remote_addr: str | None = None,
) -> ReportResult:
    payload = payload or {}
    PaymentNotification.objects.create(
        source=source,
        raw_body=raw_body[:RAW_BODY_LIMIT],
        order_id=str(payload.get("order_id", ""))[:100],
        transaction_status=str(payload.get("transaction_status", ""))[:32],
        outcome=outcome,
        detail=detail[:300],
        remote_addr=remote_addr,
    )
    return ReportResult(outcome=outcome, http_status=_HTTP_STATUS[outcome], detail=detail)


def _parse(raw_body: str) -> dict[str, Any] | None:
    try:
        payload = json.loads(raw_body)
    except (ValueError, RecursionError):
        return None
    if not isinstance(payload, dict):
        return None
    if any(not isinstance(payload.get(field), str) for field in protocol.REQUIRED_FIELDS):
        return None
    return payload


def payment_report_apply(
    *, raw_body: str, source: NotificationSource, remote_addr: str | None = None
) -> ReportResult:
    """Verify one gateway status message and apply it to its donation; record it either way."""
    payload = _parse(raw_body)
    if payload is None:
        with transaction.atomic():
            return _record(
                raw_body=raw_body,
                source=source,
                outcome=NotificationOutcome.MALFORMED,
                payload=None,
                detail="not a JSON object with Midtrans' required fields",
                remote_addr=remote_addr,
            )
    if not gateway_get().verify(payload):
        with transaction.atomic():
            return _record(
                raw_body=raw_body,
                source=source,
                outcome=NotificationOutcome.BAD_SIGNATURE,
                payload=payload,
                remote_addr=remote_addr,
            )

    with transaction.atomic():
        donation = Donation.objects.select_for_update().filter(order_id=payload["order_id"]).first()
        if donation is None:
            return _record(
                raw_body=raw_body,
                source=source,
                outcome=NotificationOutcome.UNKNOWN_ORDER,
                payload=payload,
                remote_addr=remote_addr,
            )
        amount = parse_gateway_amount(payload["gross_amount"])
        if amount != donation.amount:
            return _record(
                raw_body=raw_body,
                source=source,
                outcome=NotificationOutcome.AMOUNT_MISMATCH,
                payload=payload,
                remote_addr=remote_addr,
                detail=f"gateway says {payload['gross_amount']}, donation is {donation.amount}",
            )
        report = donation_services.GatewayReport(
            transaction_status=payload["transaction_status"],
            payment_type=str(payload.get("payment_type", ""))[:32],
            transaction_id=str(payload.get("transaction_id", ""))[:64],
        )
        mapped = protocol.outcome_of(
            transaction_status=report.transaction_status,
            fraud_status=str(payload.get("fraud_status", "")),
        )
        if mapped == protocol.SETTLED:
            transition = donation_services.donation_settle_locked(donation=donation, report=report)
        elif mapped == protocol.FAILED:
            transition = donation_services.donation_fail_locked(donation=donation, report=report)
        elif mapped == protocol.PENDING:
            transition = donation_services.donation_pending_note_locked(
                donation=donation, report=report
            )
        else:
            transition = donation_services.Transition.IGNORED
        return _record(
            raw_body=raw_body,
            source=source,
            outcome=NotificationOutcome(transition.value),
            payload=payload,
            remote_addr=remote_addr,
            detail=f"{report.transaction_status} → donation {donation.status}",
        )


def donations_reconcile(*, now: datetime.datetime | None = None, limit: int = 200) -> int:
    """Ask the gateway about donations pending too long; apply each answer. Returns how many.

    A donation the gateway has never heard of (the donor never picked a payment method) is
    failed once its payment window has closed.
    """
    now = now or timezone.now()
    asked_before = now - datetime.timedelta(minutes=settings.RECONCILE_AFTER_MINUTES)
    window_closed_before = now - datetime.timedelta(minutes=settings.PAYMENT_EXPIRY_MINUTES + 5)
    gateway = gateway_get()
    pending = Donation.objects.filter(
        status=DonationStatus.PENDING, created_at__lt=asked_before
    ).order_by("created_at")[:limit]
    handled = 0
    for donation in pending:
        try:
            raw = gateway.fetch_status(donation.order_id)
        except GatewayError:
            continue
        if raw is not None:
            payment_report_apply(raw_body=raw, source=NotificationSource.STATUS_API)
        elif donation.created_at < window_closed_before:
            donation_expire_unpaid(order_id=donation.order_id)
        handled += 1
    return handled


def donation_expire_unpaid(*, order_id: str) -> None:
    """Fail a donation the gateway never opened a transaction for, after its window closed."""
    with transaction.atomic():
        donation = Donation.objects.select_for_update().get(order_id=order_id)
        transition = donation_services.donation_fail_locked(
            donation=donation,
            report=donation_services.GatewayReport(transaction_status="expire"),
        )
        _record(
            raw_body="",
            source=NotificationSource.STATUS_API,
            outcome=NotificationOutcome(transition.value),
            payload={"order_id": order_id, "transaction_status": "expire"},
            detail="no transaction at the gateway after the payment window closed",
        )
