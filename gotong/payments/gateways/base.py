"""What a payment gateway plugin provides (Saleor's shape: the plugin owns its protocol).

A plugin starts payments, parses and verifies its own status reports into a `VerifiedReport`
(or a `Rejected` with the reason), answers status queries and refunds. A plugin that can debit
a saved method on a schedule also implements `RecurringGateway` (subscriptions and linked
accounts, decision 35). Gotong ships Midtrans (with its built-in sandbox); plugins are chosen by
`settings.PAYMENT_GATEWAYS`.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Literal, Protocol, runtime_checkable

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
    # Card only, and the gateway keeps the card for later charges (a card plan's first gift):
    # its settled report then carries `VerifiedReport.saved_token_id`.
    save_card: bool = False


@dataclass(frozen=True)
class VerifiedReport:
    """A status report whose fields, signature, status code and amount format checked out."""

    order_id: str
    amount: int
    event: str  # a donations.transitions.DonationEvent
    transaction_status: str
    payment_type: str = ""
    transaction_id: str = ""
    # The gateway subscription whose scheduled charge this is ('' for any other payment).
    subscription_id: str = ""
    # The gateway's words about the charge (why it failed, say); '' when it gave none.
    status_message: str = ""
    # When the gateway made the transaction (aware), if it said: a scheduled charge's own time.
    transaction_time: datetime.datetime | None = None
    # The saved card of a payment started with `save_card` ('' otherwise): what a card
    # subscription charges.
    saved_token_id: str = ""


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


IntervalUnit = Literal["day", "week", "month"]
RetryUnit = Literal["minute", "hour", "day"]
RecurringPaymentType = Literal["gopay", "credit_card"]
PayAccountStatus = Literal["PENDING", "ENABLED", "DISABLED", "EXPIRED"]


@dataclass(frozen=True)
class Schedule:
    """Charge every `interval` `interval_unit`s from `start_time` (aware), at most
    `max_interval` times (None: until disabled)."""

    interval: int
    interval_unit: IntervalUnit
    start_time: datetime.datetime
    max_interval: int | None = None


@dataclass(frozen=True)
class RetrySchedule:
    """After a failed charge, try again every `interval` `interval_unit`s, at most
    `max_interval` times (0: never); then the subscription stops."""

    interval: int
    interval_unit: RetryUnit
    max_interval: int


@dataclass(frozen=True)
class SubscriptionRequest:
    # The gateway puts it in each charge's order id ("SUBS-<name>-…"): letters, digits, - and _
    # only (receipt addresses take no more), at most 34 so the order id fits 50 characters.
    name: str
    amount: int
    payment_type: RecurringPaymentType
    token: str  # a saved card's token, or a linked GoPay account's payment option token
    schedule: Schedule
    customer_name: str
    customer_email: str
    retry_schedule: RetrySchedule | None = None
    gopay_account_id: str = ""  # the linked account (payment_type "gopay")
    # Where the gateway sends each charge's status (PUBLIC_BASE_URL's notification path).
    notification_url: str = ""


@dataclass(frozen=True)
class Subscription:
    id: str
    name: str
    amount: int
    payment_type: str
    status: str  # "active" | "inactive"
    interval: int
    interval_unit: str
    current_interval: int = 0
    next_execution_at: datetime.datetime | None = None
    transaction_ids: tuple[str, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class PayAccount:
    id: str
    status: PayAccountStatus
    activation_url: str = ""  # where the person approves the link (while PENDING)
    payment_option_token: str = ""  # the token to charge, once ENABLED


@runtime_checkable
class RecurringGateway(Protocol):
    """Scheduled charges of a saved method. Every call raises GatewayError when the gateway
    cannot be reached or refuses; each charge then arrives as an ordinary status report
    whose `VerifiedReport.subscription_id` names the subscription."""

    def subscription_create(self, request: SubscriptionRequest) -> Subscription: ...

    def subscription_get(self, subscription_id: str) -> Subscription: ...

    def subscription_disable(self, subscription_id: str) -> None: ...

    def subscription_enable(self, subscription_id: str) -> None: ...

    def subscription_update(
        self, subscription_id: str, *, amount: int | None = None, schedule: Schedule | None = None
    ) -> None: ...

    def pay_account_link(
        self, *, customer_name: str, customer_email: str, phone: str, callback_url: str
    ) -> PayAccount: ...

    def pay_account_get(self, account_id: str) -> PayAccount: ...

    def pay_account_unbind(self, account_id: str) -> PayAccount: ...
