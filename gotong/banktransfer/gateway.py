"""The manual bank transfer plugin: no remote gateway. Starting a payment reserves the unique
code and sends the donor to the page with the foundation's account; money is confirmed by
importing the bank's statement (`banktransfer.services.statement_import`), not by
notifications, and refunds are made by hand."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gotong.banktransfer.services import GATEWAY, transfer_open
from gotong.donations.models import Donation
from gotong.payments.gateways.base import (
    GatewayError,
    PaymentRequest,
    PaymentSession,
    Rejected,
    VerifiedReport,
)
from gotong.payments.models import NotificationOutcome


class TransferGateway:
    name = GATEWAY
    label = gettext_lazy("Transfer bank (kode unik)")
    has_status_api = False

    @classmethod
    def method_name(cls, payment_type: str) -> str:
        return str(_("Transfer bank"))

    @classmethod
    def from_settings(cls) -> TransferGateway:
        return cls()

    def create_payment(self, request: PaymentRequest) -> PaymentSession:
        donation = Donation.objects.filter(order_id=request.order_id).first()
        if donation is None:
            raise GatewayError(f"unknown order {request.order_id}")
        transfer = transfer_open(donation=donation)
        path = reverse("banktransfer:instructions", kwargs={"order_id": request.order_id})
        return PaymentSession(
            token=f"transfer-{transfer.unique_code:03d}",
            redirect_url=settings.PUBLIC_BASE_URL + path,
            amount=transfer.amount_due,
        )

    def parse_report(self, raw_body: str) -> VerifiedReport | Rejected:
        return Rejected(
            NotificationOutcome.MALFORMED, "bank transfers are confirmed by statement import"
        )

    def fetch_status(self, order_id: str) -> str | None:
        return None

    def refund(self, *, order_id: str, refund_key: str, amount: int, reason: str) -> None:
        raise GatewayError("a bank transfer is refunded by hand by finance staff")
