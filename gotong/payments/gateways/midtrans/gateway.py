"""Midtrans Snap (create transaction) and Core API (status, refund; subscriptions and pay
accounts from `subscriptions.py` and `accounts.py`), over HTTP with Basic auth."""

from __future__ import annotations

import json
import logging
from typing import Any

import requests
from django.conf import settings
from django.utils.translation import gettext_lazy

from gotong.payments.gateways.base import (
    GatewayError,
    PaymentRequest,
    PaymentSession,
    Rejected,
    VerifiedReport,
)
from gotong.payments.gateways.midtrans import methods, protocol
from gotong.payments.gateways.midtrans.accounts import MidtransPayAccounts
from gotong.payments.gateways.midtrans.subscriptions import MidtransSubscriptions
from gotong.payments.models import NotificationOutcome

logger = logging.getLogger(__name__)


class MidtransGateway(MidtransSubscriptions, MidtransPayAccounts):
    name = "midtrans"
    label = gettext_lazy("QRIS, virtual account, e-wallet")
    has_status_api = True

    def __init__(
        self, *, server_key: str, snap_base_url: str, api_base_url: str, timeout: int
    ) -> None:
        self.server_key = server_key
        self.snap_base_url = snap_base_url.rstrip("/")
        self.api_base_url = api_base_url.rstrip("/")
        self.timeout = timeout

    @classmethod
    def method_name(cls, payment_type: str) -> str:
        return methods.method_name(payment_type)

    @classmethod
    def from_settings(cls) -> MidtransGateway:
        return cls(
            server_key=settings.MIDTRANS_SERVER_KEY,
            snap_base_url=settings.MIDTRANS_SNAP_BASE_URL,
            api_base_url=settings.MIDTRANS_API_BASE_URL,
            timeout=settings.MIDTRANS_HTTP_TIMEOUT,
        )

    def _auth(self) -> tuple[str, str]:
        return (self.server_key, "")

    def create_payment(self, request: PaymentRequest) -> PaymentSession:
        body: dict[str, Any] = {
            "transaction_details": {"order_id": request.order_id, "gross_amount": request.amount},
            "item_details": [
                {
                    "id": request.item_id,
                    "price": request.amount,
                    "quantity": 1,
                    "name": request.item_name[:50],
                }
            ],
            "customer_details": {"first_name": request.customer_name[:50]}
            | ({"email": request.customer_email} if request.customer_email else {}),
            "callbacks": {"finish": request.finish_url},
            "expiry": {"unit": "minute", "duration": request.expiry_minutes},
        }
        if request.save_card:
            # Snap keeps a card for a user: the donor's email stands for them.
            body |= {
                "enabled_payments": ["credit_card"],
                "credit_card": {"secure": True, "save_card": True},
                "user_id": request.customer_email,
            }
        try:
            response = requests.post(
                f"{self.snap_base_url}/snap/v1/transactions",
                json=body,
                auth=self._auth(),
                headers={
                    "Accept": "application/json",
                    "X-Override-Notification": request.notification_url,
                },
                timeout=self.timeout,
            )
        except requests.RequestException as exc:
            raise GatewayError(f"Snap unreachable: {exc}") from exc
        if response.status_code != 201:
            logger.warning(
                "Snap refused %s: %s %s",
                request.order_id,
                response.status_code,
                response.text[:500],
            )
            raise GatewayError(f"Snap answered {response.status_code}")
        try:
            data = response.json()
            return PaymentSession(token=str(data["token"]), redirect_url=str(data["redirect_url"]))
        except (ValueError, KeyError) as exc:
            raise GatewayError("Snap answered without token/redirect_url") from exc

    def fetch_status(self, order_id: str) -> str | None:
        try:
            response = requests.get(
                f"{self.api_base_url}/v2/{order_id}/status",
                auth=self._auth(),
                headers={"Accept": "application/json"},
                timeout=self.timeout,
            )
        except requests.RequestException as exc:
            raise GatewayError(f"status API unreachable: {exc}") from exc
        if response.status_code == 404:
            return None
        if response.status_code != 200:
            raise GatewayError(f"status API answered {response.status_code}")
        try:
            data = response.json()
        except ValueError as exc:
            raise GatewayError("status API answered with non-JSON") from exc
        # Midtrans also reports "not found" as HTTP 200 with status_code "404" in the body.
        if isinstance(data, dict) and str(data.get("status_code")) == "404":
            return None
        return response.text

    def refund(self, *, order_id: str, refund_key: str, amount: int, reason: str) -> None:
        try:
            response = requests.post(
                f"{self.api_base_url}/v2/{order_id}/refund",
                json={"refund_key": refund_key, "amount": amount, "reason": reason[:255]},
                auth=self._auth(),
                headers={"Accept": "application/json"},
                timeout=self.timeout,
            )
        except requests.RequestException as exc:
            raise GatewayError(f"refund API unreachable: {exc}") from exc
        try:
            body = response.json()
        except ValueError:
            body = {}
        code = str(body.get("status_code", response.status_code))
        if response.status_code != 200 or code != "200":
            raise GatewayError(f"refund refused: {code} {body.get('status_message', '')}")

    def parse_report(self, raw_body: str) -> VerifiedReport | Rejected:
        """Fields, signature, status-code agreement and amount format, in that order."""
        try:
            payload = json.loads(raw_body)
        except (ValueError, RecursionError):
            payload = None
        if not isinstance(payload, dict) or any(
            not isinstance(payload.get(field), str) for field in protocol.REQUIRED_FIELDS
        ):
            return Rejected(
                NotificationOutcome.MALFORMED, "not a JSON object with Midtrans' required fields"
            )
        order_id, status = payload["order_id"], payload["transaction_status"]
        seen = {"order_id": order_id[:100], "transaction_status": status[:32]}
        if not protocol.signature_valid(payload, server_key=self.server_key):
            return Rejected(
                NotificationOutcome.BAD_SIGNATURE, "signature_key does not match", **seen
            )
        if not protocol.status_code_agrees(
            transaction_status=status, status_code=payload["status_code"]
        ):
            return Rejected(
                NotificationOutcome.STATUS_MISMATCH,
                f"status_code {payload['status_code'][:8]} does not go with {status[:32]}",
                **seen,
            )
        amount = protocol.amount_parse(payload["gross_amount"])
        if amount is None:
            return Rejected(
                NotificationOutcome.MALFORMED,
                f"gross_amount {payload['gross_amount'][:40]!r} is not Midtrans' format",
                **seen,
            )
        event = protocol.event_of(
            transaction_status=status, fraud_status=str(payload.get("fraud_status", ""))
        )
        if event is None:
            return Rejected(NotificationOutcome.IGNORED, f"{status[:32]} is not acted on", **seen)
        return VerifiedReport(
            order_id=order_id,
            amount=amount,
            event=event,
            transaction_status=status,
            payment_type=methods.method_code(payload),
            transaction_id=str(payload.get("transaction_id", ""))[:64],
            subscription_id=protocol.subscription_id_of(payload),
            status_message=str(payload.get("status_message", ""))[:300],
            transaction_time=protocol.transaction_time_of(payload),
            saved_token_id=protocol.saved_token_of(payload),
        )
