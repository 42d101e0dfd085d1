"""Checkout: a donor's gift from the form or the API up to the gateway's payment page.

The one path both take, so a donation started anywhere records the same people: the signed-in
donor and the fundraiser whose link brought them (gotong.referrals, decision 13).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from gotong.accounts.models import User
from gotong.campaigns.models import Campaign
from gotong.donations.models import Donation
from gotong.donations.services import donation_create
from gotong.payments.gateways import gateways_active
from gotong.payments.gateways.base import GatewayError
from gotong.payments.services import payment_start

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Checkout:
    donation: Donation
    payment_url: str  # the gateway's payment page, where the donor goes next


def donation_start(
    *,
    campaign: Campaign,
    amount: int,
    name: str,
    email: str,
    is_anonymous: bool,
    message: str,
    donor: User | None,
    referrer: User | None,
    payment_method: str = "",
    language: str | None = None,
    save_card: bool = False,
) -> Checkout:
    """Validate and create a pending donation, then open its gateway transaction.

    Raises ValidationError (per field, nothing created) or GatewayError (the donation stays
    pending without a payment URL; reconciliation fails it once its window closes, decision 5).
    `donor` may be the anonymous user (recorded as nobody); `referrer` is dropped when it is the
    donor themselves. `payment_method` names an active gateway plugin (empty: the default one).
    `language` is the donor's (their emails, the return page); None: the active language.
    `save_card`: pay by card only and let the gateway keep it (a card plan's first gift).
    """
    gateways = gateways_active()
    gateway = payment_method or gateways[0]
    if gateway not in gateways:
        raise ValidationError({"payment_method": [_("Pilih metode pembayaran yang tersedia.")]})
    donation = donation_create(
        campaign=campaign,
        amount=amount,
        name=name,
        email=email,
        is_anonymous=is_anonymous,
        message=message,
        donor=donor,
        referrer=referrer,
        gateway=gateway,
        language=language,
    )
    try:
        payment_url = payment_start(donation=donation, save_card=save_card)
    except GatewayError:
        logger.exception("could not start payment for %s", donation.order_id)
        raise
    return Checkout(donation=donation, payment_url=payment_url)
