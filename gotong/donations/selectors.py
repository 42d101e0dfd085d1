from __future__ import annotations

from django.db.models import QuerySet

from gotong.campaigns.models import Campaign
from gotong.donations.models import Donation, DonationStatus


def donations_settled(*, campaign: Campaign) -> QuerySet[Donation]:
    """Settled donations of a campaign, newest first (the public donor list)."""
    return Donation.objects.filter(campaign=campaign, status=DonationStatus.SETTLED).order_by(
        "-settled_at", "-id"
    )


def donation_get(*, order_id: str) -> Donation | None:
    return Donation.objects.select_related("campaign").filter(order_id=order_id).first()
