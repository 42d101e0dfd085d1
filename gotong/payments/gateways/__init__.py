"""The gateway registry: plugin names → classes, and the ones `settings.PAYMENT_GATEWAYS`
switches on (the first is the default for new donations)."""

from __future__ import annotations

from django.conf import settings
from django.utils.module_loading import import_string

from gotong.donations.models import Donation
from gotong.payments.gateways.base import PaymentGateway

PLUGINS: dict[str, str] = {
    "midtrans": "gotong.payments.gateways.midtrans.gateway.MidtransGateway",
    "transfer": "gotong.banktransfer.gateway.TransferGateway",
}


class UnknownGateway(LookupError):
    pass


def gateway_get(name: str | None = None) -> PaymentGateway:
    """The active plugin called `name` (the default one when None)."""
    active = list(settings.PAYMENT_GATEWAYS)
    name = name or active[0]
    if name not in active or name not in PLUGINS:
        raise UnknownGateway(name)
    plugin: PaymentGateway = import_string(PLUGINS[name]).from_settings()
    return plugin


def gateways_active() -> list[str]:
    return [name for name in settings.PAYMENT_GATEWAYS if name in PLUGINS]


def gateway_choices() -> list[tuple[str, str]]:
    """(name, label) of every active plugin, the default first: the donor's choice of method."""
    return [(name, str(gateway_get(name).label)) for name in gateways_active()]


def payment_method_name(donation: Donation) -> str:
    """How a donation was paid, in words ("QRIS", "BCA Virtual Account", "Transfer bank"), by
    its plugin, whether or not that plugin is still switched on; '' before it was paid."""
    if not donation.payment_type:
        return ""
    if donation.gateway not in PLUGINS:
        return donation.payment_type
    plugin: type[PaymentGateway] = import_string(PLUGINS[donation.gateway])
    return plugin.method_name(donation.payment_type)
