"""Scheduled charges of gateway subscriptions become donations of the plan that asked for them.

A gateway reports each charge as an ordinary status report with an order id of its own
("SUBS-…") and the subscription's id. Payments does not know plans (they live above it), so the
app that owns them registers one resolver: given a charge, it returns the pending donation of
that charge, creating it the first time (keyed by the order id, so a report delivered twice
finds the same donation), or None when the subscription is not one of ours. It runs inside the
transaction that applies the report, before the donation is locked (decision 35).
"""

from __future__ import annotations

import datetime
from typing import Protocol

from gotong.donations.models import Donation


class ChargeResolver(Protocol):
    """`charged_at`: when the gateway made the charge (None when it did not say), so a charge
    reported late still belongs to the period it was made for."""

    def __call__(
        self,
        *,
        gateway: str,
        subscription_id: str,
        order_id: str,
        amount: int,
        payment_type: str,
        charged_at: datetime.datetime | None,
    ) -> Donation | None: ...


_resolvers: list[ChargeResolver] = []


def charge_resolver_register(fn: ChargeResolver) -> None:
    """Install the resolver (the recurring app does, from its AppConfig.ready). The last one
    registered answers, so a test can stand in for the app's until it unregisters; registering
    the same function again changes nothing."""
    if fn not in _resolvers:
        _resolvers.append(fn)


def charge_resolver_unregister(fn: ChargeResolver) -> None:
    """Remove `fn`; the one registered before it answers again."""
    if fn in _resolvers:
        _resolvers.remove(fn)


def charge_resolve(
    *,
    gateway: str,
    subscription_id: str,
    order_id: str,
    amount: int,
    payment_type: str,
    charged_at: datetime.datetime | None = None,
) -> Donation | None:
    """The donation of one charge, from the resolver registered last; None without one."""
    if not _resolvers:
        return None
    return _resolvers[-1](
        gateway=gateway,
        subscription_id=subscription_id,
        order_id=order_id,
        amount=amount,
        payment_type=payment_type,
        charged_at=charged_at,
    )
