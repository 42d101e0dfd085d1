"""Midtrans' Subscription API (`/v1/subscriptions`): the `RecurringGateway` half that plans
charges. https://docs.midtrans.com/reference/subscriptions-api

Amounts travel as strings of whole rupiah ("100000"), times as "YYYY-MM-DD HH:MM:SS +0700"
going out and ISO 8601 coming back. Each charge is a transaction of its own, reported to the
notification URL with an order id starting "SUBS-" (decision 35).
"""

from __future__ import annotations

import datetime
from typing import Any
from zoneinfo import ZoneInfo

from gotong.payments.gateways.base import (
    GatewayError,
    RetrySchedule,
    Schedule,
    Subscription,
    SubscriptionRequest,
)
from gotong.payments.gateways.midtrans.core import core_request

JAKARTA = ZoneInfo("Asia/Jakarta")


def time_format(moment: datetime.datetime) -> str:
    """What `schedule.start_time` takes: "2026-12-04 07:00:00 +0700"."""
    if moment.tzinfo is None:
        raise ValueError("start_time must be an aware datetime")
    return moment.astimezone(JAKARTA).strftime("%Y-%m-%d %H:%M:%S %z")


def time_parse(value: Any) -> datetime.datetime | None:
    """Midtrans' ISO times, with or without a zone ("2019-06-29T09:11:01.803677" is UTC)."""
    if not isinstance(value, str) or not value:
        return None
    try:
        moment = datetime.datetime.fromisoformat(value)
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=datetime.UTC)


def schedule_body(schedule: Schedule) -> dict[str, Any]:
    body: dict[str, Any] = {
        "interval": schedule.interval,
        "interval_unit": schedule.interval_unit,
        "start_time": time_format(schedule.start_time),
    }
    if schedule.max_interval is not None:
        body["max_interval"] = schedule.max_interval
    return body


def retry_body(retry: RetrySchedule) -> dict[str, Any]:
    return {
        "interval": retry.interval,
        "interval_unit": retry.interval_unit,
        "max_interval": retry.max_interval,
    }


def subscription_body(request: SubscriptionRequest) -> dict[str, Any]:
    body: dict[str, Any] = {
        "name": request.name,
        "amount": str(request.amount),
        "currency": "IDR",
        "payment_type": request.payment_type,
        "token": request.token,
        "schedule": schedule_body(request.schedule),
        "customer_details": {"first_name": request.customer_name[:50]}
        | ({"email": request.customer_email} if request.customer_email else {}),
    }
    if request.retry_schedule is not None:
        body["retry_schedule"] = retry_body(request.retry_schedule)
    if request.gopay_account_id:
        body["gopay"] = {"account_id": request.gopay_account_id}
    return body


def subscription_parse(data: dict[str, Any]) -> Subscription:
    raw = data.get("schedule")
    schedule: dict[str, Any] = raw if isinstance(raw, dict) else {}
    try:
        return Subscription(
            id=str(data["id"]),
            name=str(data.get("name", "")),
            amount=int(str(data.get("amount", "0"))),
            payment_type=str(data.get("payment_type", "")),
            status=str(data.get("status", "")),
            interval=int(schedule.get("interval", 0)),
            interval_unit=str(schedule.get("interval_unit", "")),
            current_interval=int(schedule.get("current_interval", 0)),
            next_execution_at=time_parse(schedule.get("next_execution_at")),
            transaction_ids=tuple(str(t) for t in data.get("transaction_ids") or ()),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise GatewayError(f"Midtrans answered an unreadable subscription: {exc}") from exc


class MidtransSubscriptions:
    """Mixed into MidtransGateway, whose server key, Core API base URL and timeout it uses."""

    server_key: str
    api_base_url: str
    timeout: int

    def _subscriptions(
        self, method: str, path: str = "", body: dict[str, Any] | None = None, **headers: str
    ) -> dict[str, Any]:
        return core_request(
            method=method,
            url=f"{self.api_base_url}/v1/subscriptions{path}",
            server_key=self.server_key,
            timeout=self.timeout,
            body=body,
            headers=headers,
        )

    def subscription_create(self, request: SubscriptionRequest) -> Subscription:
        headers = (
            {"X-Override-Notification": request.notification_url}
            if request.notification_url
            else {}
        )
        return subscription_parse(
            self._subscriptions("POST", body=subscription_body(request), **headers)
        )

    def subscription_get(self, subscription_id: str) -> Subscription:
        return subscription_parse(self._subscriptions("GET", f"/{subscription_id}"))

    def subscription_disable(self, subscription_id: str) -> None:
        self._subscriptions("POST", f"/{subscription_id}/disable")

    def subscription_enable(self, subscription_id: str) -> None:
        self._subscriptions("POST", f"/{subscription_id}/enable")

    def subscription_update(
        self, subscription_id: str, *, amount: int | None = None, schedule: Schedule | None = None
    ) -> None:
        """PATCH wants name, amount, currency and token every time: read them first."""
        current = self._subscriptions("GET", f"/{subscription_id}")
        body: dict[str, Any] = {
            "name": current.get("name", ""),
            "amount": str(amount) if amount is not None else str(current.get("amount", "")),
            "currency": current.get("currency", "IDR"),
            "token": current.get("token", ""),
        }
        if schedule is not None:
            body["schedule"] = schedule_body(schedule)
        self._subscriptions("PATCH", f"/{subscription_id}", body=body)
