"""The gateway registry: plugin names → classes, and the ones `settings.PAYMENT_GATEWAYS`
switches on (the first is the default for new donations)."""

from __future__ import annotations

from django.conf import settings
from django.utils.module_loading import import_string

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
