"""Parsing and validation of what merchants send to the sandbox, with Midtrans-style messages."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

from gotong.payments.sandbox.models import PaymentType, TransactionStatus

ORDER_ID_RE = re.compile(r"^[A-Za-z0-9\-_~.]+$")
ORDER_ID_MAX_LENGTH = 50
MAX_GROSS_AMOUNT = 999_999_999_999
MAX_NOTIFICATION_URLS = 3
DEFAULT_EXPIRY = timedelta(hours=24)
EXPIRY_UNITS: dict[str, int] = {
    "second": 1,
    "seconds": 1,
    "minute": 60,
    "minutes": 60,
    "hour": 3600,
    "hours": 3600,
    "day": 86400,
    "days": 86400,
}
CUSTOMER_FIELDS = ("first_name", "last_name", "email", "phone")
SIMULATE_STATUSES = (
    TransactionStatus.PENDING,
    TransactionStatus.SETTLEMENT,
    TransactionStatus.EXPIRE,
    TransactionStatus.CANCEL,
    TransactionStatus.DENY,
)


class RequestInvalid(ValueError):
    """The request cannot be accepted; `messages` go out as `error_messages`."""

    def __init__(self, messages: list[str]) -> None:
        super().__init__("; ".join(messages))
        self.messages = messages


@dataclass(frozen=True)
class SnapCreateRequest:
    order_id: str
    gross_amount: int
    customer_details: dict[str, str] = field(default_factory=dict)
    item_details: list[dict[str, Any]] = field(default_factory=list)
    finish_url: str = ""
    expiry_start: datetime | None = None
    expiry: timedelta = DEFAULT_EXPIRY
    enabled_payments: list[str] = field(default_factory=list)
    save_card: bool = False


@dataclass(frozen=True)
class SimulateRequest:
    payment_type: str
    transaction_status: str


def json_object_parse(body: bytes) -> dict[str, Any]:
    try:
        data = json.loads(body)
    except (UnicodeDecodeError, ValueError) as exc:
        raise RequestInvalid(["Request body is not valid JSON"]) from exc
    if not isinstance(data, dict):
        raise RequestInvalid(["Request body must be a JSON object"])
    return data


def _whole_number(value: Any) -> int | None:
    """JSON integers, or floats with nothing after the point (50000.0). Not bools or strings."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return None


def http_url_valid(value: Any) -> bool:
    if not isinstance(value, str) or len(value) > 1000:
        return False
    parts = urlsplit(value)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def _order_id_errors(order_id: Any) -> list[str]:
    if order_id is None or order_id == "":
        return ["transaction_details.order_id is required"]
    if not isinstance(order_id, str):
        return ["transaction_details.order_id must be a string"]
    errors = []
    if len(order_id) > ORDER_ID_MAX_LENGTH:
        errors.append(
            f"transaction_details.order_id must not exceed {ORDER_ID_MAX_LENGTH} characters"
        )
    if not ORDER_ID_RE.match(order_id):
        errors.append(
            "transaction_details.order_id may only contain letters, digits, "
            "and the characters - _ ~ ."
        )
    return errors


def _gross_amount_parse(raw: Any, errors: list[str]) -> int:
    if raw is None:
        errors.append("transaction_details.gross_amount is required")
        return 0
    amount = _whole_number(raw)
    if amount is None:
        errors.append("transaction_details.gross_amount must be an integer")
        return 0
    if amount <= 0:
        errors.append("transaction_details.gross_amount must be greater than 0")
    elif amount > MAX_GROSS_AMOUNT:
        errors.append("transaction_details.gross_amount is too large")
    return amount


def _customer_details_parse(raw: Any, errors: list[str]) -> dict[str, str]:
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        errors.append("customer_details must be an object")
        return {}
    details: dict[str, str] = {}
    for name in CUSTOMER_FIELDS:
        value = raw.get(name)
        if value is None:
            continue
        if not isinstance(value, str) or len(value) > 255:
            errors.append(f"customer_details.{name} must be a string of at most 255 characters")
            continue
        details[name] = value
    return details


def _item_details_parse(raw: Any, errors: list[str]) -> list[dict[str, Any]]:
    if raw is None:
        return []
    if not isinstance(raw, list):
        errors.append("item_details must be a list")
        return []
    items: list[dict[str, Any]] = []
    for index, item in enumerate(raw):
        where = f"item_details[{index}]"
        if not isinstance(item, dict):
            errors.append(f"{where} must be an object")
            continue
        price = _whole_number(item.get("price"))
        quantity = _whole_number(item.get("quantity"))
        name = item.get("name")
        if price is None:
            errors.append(f"{where}.price must be an integer")
        if quantity is None or quantity < 1:
            errors.append(f"{where}.quantity must be a positive integer")
        if not isinstance(name, str) or not name:
            errors.append(f"{where}.name is required")
        item_id = item.get("id")
        items.append(
            {
                "id": "" if item_id is None else str(item_id),
                "price": price or 0,
                "quantity": quantity or 0,
                "name": name if isinstance(name, str) else "",
            }
        )
    return items


def _finish_url_parse(raw: Any, errors: list[str]) -> str:
    if raw is None:
        return ""
    if not isinstance(raw, dict):
        errors.append("callbacks must be an object")
        return ""
    finish = raw.get("finish")
    if finish is None or finish == "":
        return ""
    if not http_url_valid(finish):
        errors.append("callbacks.finish must be an http(s) URL")
        return ""
    return str(finish)


def _expiry_parse(raw: Any, errors: list[str]) -> tuple[datetime | None, timedelta]:
    if raw is None:
        return None, DEFAULT_EXPIRY
    if not isinstance(raw, dict):
        errors.append("expiry must be an object")
        return None, DEFAULT_EXPIRY
    unit = raw.get("unit")
    duration = _whole_number(raw.get("duration"))
    start: datetime | None = None
    if unit not in EXPIRY_UNITS:
        errors.append("expiry.unit must be one of " + ", ".join(EXPIRY_UNITS))
    if duration is None or duration <= 0:
        errors.append("expiry.duration must be a positive integer")
    start_raw = raw.get("start_time")
    if start_raw not in (None, ""):
        try:
            start = datetime.strptime(str(start_raw), "%Y-%m-%d %H:%M:%S %z")
        except ValueError:
            errors.append('expiry.start_time must look like "2025-01-31 13:00:00 +0700"')
    if unit not in EXPIRY_UNITS or duration is None or duration <= 0:
        return start, DEFAULT_EXPIRY
    return start, timedelta(seconds=EXPIRY_UNITS[unit] * duration)


def snap_request_parse(body: bytes) -> SnapCreateRequest:
    """Validate a Snap "create transaction" body; raises RequestInvalid with every problem."""
    data = json_object_parse(body)
    details = data.get("transaction_details")
    if not isinstance(details, dict):
        raise RequestInvalid(
            [
                "transaction_details is required",
                "transaction_details.order_id is required",
                "transaction_details.gross_amount is required",
            ]
        )
    order_id = details.get("order_id")
    errors = _order_id_errors(order_id)
    gross_amount = _gross_amount_parse(details.get("gross_amount"), errors)
    customer_details = _customer_details_parse(data.get("customer_details"), errors)
    item_details = _item_details_parse(data.get("item_details"), errors)
    finish_url = _finish_url_parse(data.get("callbacks"), errors)
    expiry_start, expiry = _expiry_parse(data.get("expiry"), errors)
    enabled, save_card = _cards_parse(data, errors)
    if (
        not errors
        and item_details
        and sum(item["price"] * item["quantity"] for item in item_details) != gross_amount
    ):
        errors.append("transaction_details.gross_amount is not equal to the sum of item_details")
    if errors:
        raise RequestInvalid(errors)
    return SnapCreateRequest(
        order_id=str(order_id),
        gross_amount=gross_amount,
        customer_details=customer_details,
        item_details=item_details,
        finish_url=finish_url,
        expiry_start=expiry_start,
        expiry=expiry,
        enabled_payments=enabled,
        save_card=save_card,
    )


def _cards_parse(data: dict[str, Any], errors: list[str]) -> tuple[list[str], bool]:
    """`enabled_payments` (the methods the page offers; unknown ones are left out, as Snap
    does) and `credit_card.save_card`, which needs a `user_id` to keep the card for."""
    raw = data.get("enabled_payments")
    enabled: list[str] = []
    if raw is not None:
        if not isinstance(raw, list) or not all(isinstance(m, str) for m in raw):
            errors.append("enabled_payments must be a list of payment types")
        else:
            enabled = [m for m in raw if m in PaymentType.values]
    card = data.get("credit_card")
    save = isinstance(card, dict) and card.get("save_card") is True
    if save and not (isinstance(data.get("user_id"), str) and data["user_id"].strip()):
        errors.append("user_id is required when credit_card.save_card is true")
    return enabled, save


def _url_list_parse(header: str, value: str) -> list[str]:
    urls = [item.strip() for item in value.split(",") if item.strip()]
    if len(urls) > MAX_NOTIFICATION_URLS:
        raise RequestInvalid([f"{header} accepts at most {MAX_NOTIFICATION_URLS} URLs"])
    bad = [url for url in urls if not http_url_valid(url)]
    if bad:
        raise RequestInvalid([f"{header} contains an invalid URL: {bad[0]}"])
    return urls


def notification_urls_parse(*, override: str | None, append: str | None, default: str) -> list[str]:
    """X-Override-Notification replaces the default URL; X-Append-Notification adds to it.
    When both are sent, the override wins, as on Midtrans."""
    if override and override.strip():
        urls = _url_list_parse("X-Override-Notification", override)
        if urls:
            return urls
    urls = [default]
    if append and append.strip():
        urls += [url for url in _url_list_parse("X-Append-Notification", append) if url != default]
    return urls


def simulate_request_parse(body: bytes) -> SimulateRequest:
    data = json_object_parse(body)
    errors = []
    payment_type = data.get("payment_type")
    transaction_status = data.get("transaction_status")
    if payment_type not in PaymentType.values:
        errors.append("payment_type must be one of " + ", ".join(PaymentType.values))
    if transaction_status not in SIMULATE_STATUSES:
        errors.append("transaction_status must be one of " + ", ".join(SIMULATE_STATUSES))
    if errors:
        raise RequestInvalid(errors)
    return SimulateRequest(
        payment_type=str(payment_type), transaction_status=str(transaction_status)
    )
