"""What a payment gateway plugin provides. Gotong ships Midtrans (and its built-in sandbox)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol


class GatewayError(Exception):
    """The gateway could not be reached or refused the request."""


@dataclass(frozen=True)
class PaymentSession:
    token: str
    redirect_url: str


@dataclass(frozen=True)
class PaymentRequest:
    order_id: str
    amount: int
    item_id: str
    item_name: str
    customer_name: str
    customer_email: str
    finish_url: str
    notification_url: str
    expiry_minutes: int


class PaymentGateway(Protocol):
    name: str

    def create_payment(self, request: PaymentRequest) -> PaymentSession: ...

    def fetch_status(self, order_id: str) -> str | None:
        """The gateway's raw status message for an order, or None when it has none."""
        ...

    def refund(self, *, order_id: str, refund_key: str, amount: int, reason: str) -> None:
        """Refund `amount` of a settled order; repeating the same refund_key is harmless."""
        ...

    def verify(self, payload: dict[str, Any]) -> bool:
        """Whether a status message (notification or status answer) is authentic."""
        ...
