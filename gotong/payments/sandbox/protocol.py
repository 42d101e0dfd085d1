"""What the sandbox says on the wire, in Midtrans' vocabulary. Pure functions, no I/O."""

from __future__ import annotations

import hashlib
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit
from zoneinfo import ZoneInfo

from django.conf import settings

from gotong.payments.sandbox.models import (
    AccountStatus,
    PaymentType,
    SandboxPayAccount,
    SandboxSubscription,
    SandboxTransaction,
    TransactionStatus,
)

JAKARTA = ZoneInfo("Asia/Jakarta")
MERCHANT_ID = "G000000000"
CURRENCY = "IDR"
STATUS_FOUND_MESSAGE = "Success, transaction is found"
NOTIFICATION_MESSAGE = "midtrans payment notification"
NOT_FOUND_MESSAGE = "Transaction doesn't exist."
UNAUTHORIZED_MESSAGES = [
    "Access denied due to unauthorized transaction, please check client or server key",
    "Visit https://snap-docs.midtrans.com/#request-headers for more details",
]

# Midtrans' status_code per transaction_status. "capture" is for cards, kept for completeness.
STATUS_CODES: dict[str, str] = {
    "capture": "200",
    TransactionStatus.SETTLEMENT: "200",
    TransactionStatus.CANCEL: "200",
    TransactionStatus.PENDING: "201",
    TransactionStatus.DENY: "202",
    TransactionStatus.EXPIRE: "407",
    TransactionStatus.REFUND: "200",
    TransactionStatus.PARTIAL_REFUND: "200",
}

SUBSCRIPTION_UPDATED = "Subscription is updated."
SUBSCRIPTION_NOT_FOUND = "Subscription doesn't exist."
ACCOUNT_NOT_FOUND = "Account doesn't exist."
UNBIND_MESSAGE = "Process service request successfully."
# What a denied scheduled charge says (Midtrans fills it from the payment channel's answer).
CHARGE_DENIED_MESSAGE = "Transaction is denied: insufficient balance"
RETRIES_EXHAUSTED_MESSAGE = "Subscription is inactive: the charge failed after every retry"
# GET /v2/pay/account's status_code per account_status.
ACCOUNT_STATUS_CODES = {
    AccountStatus.PENDING: "201",
    AccountStatus.ENABLED: "200",
    AccountStatus.DISABLED: "204",
    AccountStatus.EXPIRED: "204",
}
WALLET_BALANCE = "1000000.00"

QRIS_ACQUIRER = "gopay"
QRIS_ISSUER = "gopay"


def signature_key(order_id: str, status_code: str, gross_amount: str, server_key: str) -> str:
    """SHA-512 hex of the four strings exactly as they appear in the payload."""
    data = f"{order_id}{status_code}{gross_amount}{server_key}".encode()
    return hashlib.sha512(data).hexdigest()


def format_gross_amount(amount: int) -> str:
    """Midtrans writes IDR amounts with two decimals: 50000 -> "50000.00"."""
    return f"{int(amount)}.00"


def format_rupiah(amount: int) -> str:
    """50000 -> "Rp 50.000" (Indonesian thousands separator)."""
    return "Rp " + f"{int(amount):,}".replace(",", ".")


def format_time(moment: datetime) -> str:
    """Midtrans' timestamps: local Jakarta time, "YYYY-MM-DD HH:MM:SS"."""
    return moment.astimezone(JAKARTA).strftime("%Y-%m-%d %H:%M:%S")


# Midtrans' sandbox test card (Visa, BNI), the one the pay page "charges".
TEST_CARD = "4811111111111114"
TEST_CARD_BANK = "bni"
SAVED_CARD_VALID = timedelta(days=5 * 365)


def card_masked() -> str:
    """ "481111-1114", as Midtrans shows a card."""
    return f"{TEST_CARD[:6]}-{TEST_CARD[-4:]}"


def status_code_for(transaction_status: str) -> str:
    return STATUS_CODES[transaction_status]


def status_payload(txn: SandboxTransaction, *, server_key: str | None = None) -> dict[str, Any]:
    """The body of `GET /v2/{order_id}/status` for a transaction whose method has been chosen."""
    if not txn.transaction_status:
        raise ValueError("a transaction without a chosen method has no status payload")
    key = settings.MIDTRANS_SERVER_KEY if server_key is None else server_key
    code = status_code_for(txn.transaction_status)
    gross_amount = format_gross_amount(txn.gross_amount)
    payload: dict[str, Any] = {
        "status_code": code,
        "status_message": STATUS_FOUND_MESSAGE,
        "transaction_id": str(txn.transaction_id),
        "order_id": txn.order_id,
        "merchant_id": MERCHANT_ID,
        "gross_amount": gross_amount,
        "currency": CURRENCY,
        "payment_type": txn.payment_type,
        "transaction_time": format_time(txn.created_at),
        "transaction_status": txn.transaction_status,
        "fraud_status": "accept",
        "expiry_time": format_time(txn.expires_at),
        "signature_key": signature_key(txn.order_id, code, gross_amount, key),
    }
    if txn.settled_at is not None:
        payload["settlement_time"] = format_time(txn.settled_at)
    if txn.payment_type == PaymentType.BANK_TRANSFER:
        payload["va_numbers"] = [{"bank": "bca", "va_number": txn.va_number}]
        payload["payment_amounts"] = []
    elif txn.payment_type == PaymentType.QRIS:
        payload["acquirer"] = QRIS_ACQUIRER
        payload["issuer"] = QRIS_ISSUER
    elif txn.payment_type == PaymentType.CREDIT_CARD:
        payload |= {"masked_card": card_masked(), "bank": TEST_CARD_BANK, "card_type": "credit"}
        if txn.saved_token_id:
            payload["saved_token_id"] = txn.saved_token_id
            kept_until = (txn.settled_at or txn.created_at) + SAVED_CARD_VALID
            payload["saved_token_id_expired_at"] = format_time(kept_until)
    return payload


def notification_payload(
    txn: SandboxTransaction, *, server_key: str | None = None
) -> dict[str, Any]:
    """The body of the HTTP notification POSTed to the merchant after a state change."""
    payload = status_payload(txn, server_key=server_key)
    payload["status_message"] = NOTIFICATION_MESSAGE
    if txn.payment_type == PaymentType.QRIS:
        payload["transaction_type"] = "on-us"
    if txn.subscription is not None:
        # A scheduled charge: Midtrans' recurring notifications carry the subscription itself.
        payload["subscription"] = subscription_payload(txn.subscription)
        if txn.transaction_status == TransactionStatus.DENY:
            inactive = txn.subscription.status != "active"
            payload["status_message"] = (
                RETRIES_EXHAUSTED_MESSAGE if inactive else CHARGE_DENIED_MESSAGE
            )
            payload["channel_response_message"] = CHARGE_DENIED_MESSAGE
    return payload


def iso_time(moment: datetime | None) -> str | None:
    """The Subscription API's times: UTC, "2022-10-26T04:20:00.000000Z"."""
    return None if moment is None else moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def subscription_payload(
    sub: SandboxSubscription, *, transaction_ids: list[str] | None = None
) -> dict[str, Any]:
    """A subscription as `GET /v1/subscriptions/{id}` (with `transaction_ids`) and the
    recurring notifications show it."""
    payload: dict[str, Any] = {
        "id": str(sub.subscription_id),
        "name": sub.name,
        "amount": str(sub.amount),
        "currency": CURRENCY,
        "created_at": iso_time(sub.created_at),
        "schedule": {
            "interval": sub.interval,
            "interval_unit": sub.interval_unit,
            "max_interval": sub.max_interval,
            "current_interval": sub.current_interval,
            "start_time": iso_time(sub.start_time),
            "previous_execution_at": iso_time(sub.previous_execution_at),
            "next_execution_at": iso_time(sub.next_execution_at),
        },
        "retry_schedule": {
            "interval": sub.retry_interval,
            "interval_unit": sub.retry_interval_unit,
            "max_interval": sub.retry_max_interval,
        },
        "status": sub.status,
        "token": sub.token,
        "payment_type": sub.payment_type,
        "metadata": sub.metadata,
        "customer_details": sub.customer_details,
        "merchant_id": MERCHANT_ID,
    }
    if sub.gopay_account_id:
        payload["gopay"] = {"account_id": sub.gopay_account_id}
    if transaction_ids is not None:
        payload["transaction_ids"] = transaction_ids
    return payload


def account_payload(
    account: SandboxPayAccount, *, actions: list[dict[str, str]] | None = None
) -> dict[str, Any]:
    """`/v2/pay/account` answers: the account's status, its GoPay wallet once ENABLED."""
    payload: dict[str, Any] = {
        "status_code": ACCOUNT_STATUS_CODES[AccountStatus(account.account_status)],
        "payment_type": "gopay",
        "account_id": str(account.account_id),
        "account_status": account.account_status,
    }
    if account.account_status == AccountStatus.ENABLED:
        payload["metadata"] = {
            "payment_options": [
                {
                    "name": "GOPAY_WALLET",
                    "active": True,
                    "balance": {"value": WALLET_BALANCE, "currency": CURRENCY},
                    "metadata": {},
                    "token": account.payment_option_token,
                }
            ]
        }
    if actions is not None:
        payload["actions"] = actions
    return payload


def not_found_payload() -> dict[str, str]:
    return {"status_code": "404", "status_message": NOT_FOUND_MESSAGE, "id": str(uuid.uuid4())}


def unauthorized_payload() -> dict[str, Any]:
    return {"error_messages": list(UNAUTHORIZED_MESSAGES)}


def unauthorized_status_payload() -> dict[str, Any]:
    """Core API style 401 (status_code in the body), plus Snap's error_messages."""
    return {
        "status_code": "401",
        "status_message": UNAUTHORIZED_MESSAGES[0],
        "id": str(uuid.uuid4()),
        "error_messages": list(UNAUTHORIZED_MESSAGES),
    }


def error_payload(messages: list[str]) -> dict[str, Any]:
    return {"error_messages": list(messages)}


def finish_redirect_url(
    finish_url: str, *, order_id: str, status_code: str, transaction_status: str
) -> str:
    """Append Midtrans' redirect parameters to the merchant's finish URL, keeping its own query
    parameters (ours replace any of the same name) and its fragment."""
    parts = urlsplit(finish_url)
    ours = {
        "order_id": order_id,
        "status_code": status_code,
        "transaction_status": transaction_status,
    }
    kept = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k not in ours]
    query = urlencode([*kept, *ours.items()])
    return urlunsplit((parts.scheme, parts.netloc, parts.path, query, parts.fragment))
