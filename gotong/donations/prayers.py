"""Aamiin to donors' prayers (doa): counted once per signed-in user or per browser."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ObjectDoesNotExist
from django.db import transaction

from gotong.accounts.models import User
from gotong.campaigns.models import PUBLIC_STATUSES, Campaign
from gotong.donations.models import Amen, Donation, DonationStatus


class PrayerNotFound(ObjectDoesNotExist):
    """No prayer of this id on this campaign's public donor list."""


@dataclass(frozen=True)
class AmenResult:
    count: int
    added: bool


def prayer_amen(
    *, campaign: Campaign, donation_id: int, user: User | None, browser_id: str
) -> AmenResult:
    """Say "Aamiin" to the prayer of settled donation `donation_id` of `campaign`: once per
    signed-in `user`, otherwise once per `browser_id`; saying it again changes nothing.
    Raises PrayerNotFound for a donation that is not a public prayer of this campaign."""
    if user is None and not browser_id:
        raise ValueError("a guest's Aamiin needs a browser id")
    with transaction.atomic():
        donation = (
            Donation.objects.filter(
                pk=donation_id,
                campaign=campaign,
                campaign__status__in=PUBLIC_STATUSES,
                status=DonationStatus.SETTLED,
            )
            .exclude(message="")
            .first()
        )
        if donation is None:
            raise PrayerNotFound
        if user is not None:
            _, added = Amen.objects.get_or_create(donation=donation, user=user)
        else:
            _, added = Amen.objects.get_or_create(
                donation=donation, user=None, browser_id=browser_id
            )
        return AmenResult(count=Amen.objects.filter(donation=donation).count(), added=added)
