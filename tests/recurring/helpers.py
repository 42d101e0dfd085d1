"""Plans started through the service, paid through the real state machine."""

from __future__ import annotations

from django.core import mail

from gotong.donations.models import Donation
from gotong.donations.transitions import DonationEvent
from gotong.payments.services import donation_event_apply
from gotong.recurring.models import Plan
from gotong.recurring.services import plan_start


def start(
    campaign, *, amount=50_000, cadence="monthly", day=1, email="siti@contoh.id", **kw
) -> Plan:
    started = plan_start(
        campaign=campaign,
        amount=amount,
        cadence=cadence,
        day=day,
        name=kw.pop("name", "Siti"),
        email=email,
        is_anonymous=kw.pop("is_anonymous", False),
        message=kw.pop("message", ""),
        method=kw.pop("method", "reminder"),
        payment_method=kw.pop("payment_method", "transfer"),
        donor=None,
    )
    assert started.payment_url
    return started.plan


def settle(donation: Donation) -> None:
    donation_event_apply(donation=donation, event=DonationEvent.PAID)


def pay_links(outbox=None) -> list[str]:
    """Every reminder's payment link in the captured emails, oldest first."""
    links = []
    for message in outbox if outbox is not None else mail.outbox:
        links += [line for line in message.body.splitlines() if "/donasi-rutin/bayar/" in line]
    return links
