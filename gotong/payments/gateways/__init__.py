from __future__ import annotations

from gotong.payments.gateways.base import PaymentGateway
from gotong.payments.gateways.midtrans.gateway import MidtransGateway


def gateway_get() -> PaymentGateway:
    """The configured gateway. Midtrans' protocol is the one Gotong speaks (sandbox by default)."""
    return MidtransGateway.from_settings()
