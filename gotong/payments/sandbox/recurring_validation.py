"""What merchants send to the sandbox's Subscription API and pay-account API, checked with
Midtrans-style messages (`RequestInvalid.messages` go out as `validation_messages`)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from gotong.payments.sandbox.models import IntervalUnit, PaymentType, RetryUnit
from gotong.payments.sandbox.validation import (
    RequestInvalid,
    http_url_valid,
    json_object_parse,
)

NAME_RE = re.compile(r"^[A-Za-z0-9\-_~.]{1,40}$")
AMOUNT_RE = re.compile(r"^[1-9][0-9]{0,11}$")
PHONE_RE = re.compile(r"^[1-9][0-9]{8,11}$")
COUNTRY_CODE_RE = re.compile(r"^[1-9][0-9]{0,3}$")
RECURRING_TYPES = (PaymentType.GOPAY, "credit_card")
MAX_RETRIES = 3
CHARGE_RESULTS = ("settlement", "deny")


@dataclass(frozen=True)
class ScheduleFields:
    interval: int | None = None
    interval_unit: str | None = None
    max_interval: int | None = None
    start_time: datetime | None = None


@dataclass(frozen=True)
class RetryFields:
    interval: int
    interval_unit: str
    max_interval: int


@dataclass(frozen=True)
class SubscriptionFields:
    name: str
    amount: int
    token: str
    payment_type: str = ""
    schedule: ScheduleFields | None = None
    retry: RetryFields | None = None
    gopay_account_id: str = ""
    customer_details: dict[str, str] = field(default_factory=dict)
    metadata: dict[str, Any] = field(default_factory=dict)


def _positive_int(value: Any, *, zero: bool = False) -> int | None:
    if isinstance(value, bool) or not isinstance(value, int):
        return None
    return value if value > 0 or (zero and value == 0) else None


def _start_time(raw: Any, errors: list[str]) -> datetime | None:
    try:
        return datetime.strptime(str(raw), "%Y-%m-%d %H:%M:%S %z")
    except ValueError:
        errors.append('schedule.start_time must look like "2026-12-04 07:00:00 +0700"')
        return None


def _schedule(raw: Any, errors: list[str], *, complete: bool) -> ScheduleFields | None:
    if raw is None and not complete:
        return None
    if not isinstance(raw, dict):
        errors.append("schedule is required")
        return None
    fields: dict[str, Any] = {}
    for name in ("interval", "interval_unit", "max_interval", "start_time"):
        if raw.get(name) is None:
            if complete and name != "max_interval":
                errors.append(f"schedule.{name} is required")
            continue
        value = raw[name]
        if name in ("interval", "max_interval"):
            fields[name] = _positive_int(value)
            if fields[name] is None:
                errors.append(f"schedule.{name} must be a positive integer")
        elif name == "interval_unit":
            fields[name] = value
            if value not in IntervalUnit.values:
                errors.append("schedule.interval_unit must be one of: day, week, month")
        else:
            fields[name] = _start_time(value, errors)
    return ScheduleFields(**fields)


def _retry(raw: Any, errors: list[str]) -> RetryFields | None:
    if raw is None:
        return None
    if not isinstance(raw, dict):
        errors.append("retry_schedule must be an object")
        return None
    interval = _positive_int(raw.get("interval", 1))
    unit = raw.get("interval_unit", RetryUnit.HOUR)
    retries = _positive_int(raw.get("max_interval", MAX_RETRIES), zero=True)
    if interval is None:
        errors.append("retry_schedule.interval must be a positive integer")
    if unit not in RetryUnit.values:
        errors.append("retry_schedule.interval_unit must be one of: minute, hour, day")
    if retries is None or retries > MAX_RETRIES:
        errors.append(f"retry_schedule.max_interval must be between 0 and {MAX_RETRIES}")
    if interval is None or unit not in RetryUnit.values or retries is None:
        return None
    return RetryFields(interval=interval, interval_unit=str(unit), max_interval=retries)


def _common(data: dict[str, Any], errors: list[str]) -> tuple[str, int, str]:
    name, amount, token = data.get("name"), data.get("amount"), data.get("token")
    if not isinstance(name, str) or not NAME_RE.match(name):
        errors.append("name is required: at most 40 letters, digits, - _ ~ .")
    if not isinstance(amount, str) or not AMOUNT_RE.match(amount):
        errors.append('amount is required: whole rupiah as a string, e.g. "100000"')
    if data.get("currency") != "IDR":
        errors.append("currency must be IDR")
    if not isinstance(token, str) or not 1 <= len(token) <= 255:
        errors.append("token is required")
    whole = int(amount) if isinstance(amount, str) and AMOUNT_RE.match(amount) else 0
    return str(name), whole, str(token)


def _gopay_account(data: dict[str, Any], errors: list[str]) -> str:
    gopay = data.get("gopay")
    if gopay is None:
        return ""
    account = gopay.get("account_id") if isinstance(gopay, dict) else None
    if not isinstance(account, str) or not 1 <= len(account) <= 64:
        errors.append("gopay.account_id must be a string")
        return ""
    return account


def subscription_create_parse(body: bytes) -> SubscriptionFields:
    data = json_object_parse(body)
    errors: list[str] = []
    name, amount, token = _common(data, errors)
    payment_type = data.get("payment_type")
    if payment_type not in RECURRING_TYPES:
        errors.append("payment_type must be one of: gopay, credit_card")
    schedule = _schedule(data.get("schedule"), errors, complete=True)
    retry = _retry(data.get("retry_schedule"), errors)
    account = _gopay_account(data, errors)
    if payment_type == PaymentType.GOPAY and not account:
        errors.append("gopay.account_id is required for payment_type gopay")
    customer = data.get("customer_details")
    if customer is not None and not isinstance(customer, dict):
        errors.append("customer_details must be an object")
    metadata = data.get("metadata")
    if errors:
        raise RequestInvalid(errors)
    return SubscriptionFields(
        name=name,
        amount=amount,
        token=token,
        payment_type=str(payment_type),
        schedule=schedule,
        retry=retry,
        gopay_account_id=account,
        customer_details={str(k): str(v)[:255] for k, v in (customer or {}).items()},
        metadata=metadata if isinstance(metadata, dict) else {},
    )


def subscription_update_parse(body: bytes) -> SubscriptionFields:
    """PATCH takes name, amount, currency and token every time, the rest when it changes."""
    data = json_object_parse(body)
    errors: list[str] = []
    name, amount, token = _common(data, errors)
    schedule = _schedule(data.get("schedule"), errors, complete=False)
    retry = _retry(data.get("retry_schedule"), errors)
    account = _gopay_account(data, errors)
    if errors:
        raise RequestInvalid(errors)
    return SubscriptionFields(
        name=name, amount=amount, token=token, schedule=schedule, retry=retry,
        gopay_account_id=account,
    )  # fmt: skip


def pay_account_parse(body: bytes) -> tuple[str, str, str]:
    """(phone_number, country_code, redirect_url) of a `POST /v2/pay/account`."""
    data = json_object_parse(body)
    errors: list[str] = []
    if data.get("payment_type") != "gopay":
        errors.append("payment_type must be gopay")
    partner = data.get("gopay_partner")
    partner = partner if isinstance(partner, dict) else {}
    phone, code = partner.get("phone_number"), partner.get("country_code")
    redirect = partner.get("redirect_url") or ""
    if not isinstance(phone, str) or not PHONE_RE.match(phone):
        errors.append("gopay_partner.phone_number must be 9 to 12 digits, without 0 or +62")
    if not isinstance(code, str) or not COUNTRY_CODE_RE.match(code):
        errors.append("gopay_partner.country_code must be digits, e.g. 62")
    if redirect and not http_url_valid(redirect):
        errors.append("gopay_partner.redirect_url must be an http(s) URL")
    if errors:
        raise RequestInvalid(errors)
    return str(phone), str(code), str(redirect)


def charge_request_parse(body: bytes) -> str:
    """The scripted charge's result: "settlement" (no body) or "deny"."""
    if not body.strip():
        return "settlement"
    result = json_object_parse(body).get("result", "settlement")
    if result not in CHARGE_RESULTS:
        raise RequestInvalid(["result must be one of: " + ", ".join(CHARGE_RESULTS)])
    return str(result)
