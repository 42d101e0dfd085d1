"""What a payment gateway plugin provides (Saleor's shape: the plugin owns its protocol).

A plugin starts payments, parses and verifies its own status reports into a `VerifiedReport`
(or a `Rejected` with the reason), answers status queries and refunds. Gotong ships Midtrans
(with its built-in sandbox); plugins are chosen by `settings.PAYMENT_GATEWAYS`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from gotong.payments.models import NotificationOutcome


class GatewayError(Exception):
    """The gateway could not be reached or refused the request."""


@dataclass(frozen=True)
class PaymentSession:
    token: str
    redirect_url: str
    amount: int | None = None  # the donation's amount when starting the payment changed it


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


@dataclass(frozen=True)
class VerifiedReport:
    """A status report whose fields, signature, status code and amount format checked out."""

    order_id: str
    amount: int
    event: str  # a donations.transitions.DonationEvent
    transaction_status: str
    payment_type: str = ""
    transaction_id: str = ""


@dataclass(frozen=True)
class Rejected:
    outcome: NotificationOutcome
    detail: str
    order_id: str = ""
    transaction_status: str = ""


class PaymentGateway(Protocol):
    name: str
    label: str  # what donors choose on the donation form
    # Whether `fetch_status` can answer, so reconciliation asks it about pending donations.
    has_status_api: bool

    @classmethod
    def method_name(cls, payment_type: str) -> str:
        """What donors read for a `payment_type` this plugin reported (`Donation.payment_type`):
        "QRIS", "BCA Virtual Account", "Transfer bank", never the raw code."""
        ...

    def create_payment(self, request: PaymentRequest) -> PaymentSession: ...

    def parse_report(self, raw_body: str) -> VerifiedReport | Rejected:
        """Parse and verify one status message (HTTP notification or status-API answer)."""
        ...

    def fetch_status(self, order_id: str) -> str | None:
        """The gateway's raw status message for an order, or None when it has none."""
        ...

    def refund(self, *, order_id: str, refund_key: str, amount: int, reason: str) -> None:
        """Refund `amount` of a settled order; repeating the same refund_key is harmless."""
        ...
