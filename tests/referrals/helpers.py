"""Shared helpers for the referral tests."""

from __future__ import annotations

from gotong.accounts.models import User
from gotong.campaigns.models import Campaign
from gotong.donations.models import Donation
from gotong.donations.services import donation_create
from gotong.referrals.services import referral_code_get_or_create
from tests.transparency.helpers import settle


def code_of(user: User) -> str:
    return referral_code_get_or_create(user=user).code


def referred(
    *, campaign: Campaign, referrer: User, amount: int, settled: bool = True, **kwargs
) -> Donation:
    """A donation made through `referrer`'s link, settled through the services by default."""
    donation = donation_create(
        campaign=campaign, amount=amount, name="Donatur", referrer=referrer, **kwargs
    )
    if settled:
        settle(donation)
    return donation
