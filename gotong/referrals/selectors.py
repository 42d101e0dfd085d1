"""Reads for referrals. Totals count settled donations only: pending ones may never be paid,
and a refunded donation leaves `settled` (decision 13)."""

from __future__ import annotations

import re
from typing import NamedTuple

from django.db.models import Count, QuerySet, Sum

from gotong.accounts.models import User
from gotong.campaigns.models import Campaign
from gotong.donations.models import Donation, DonationStatus
from gotong.referrals.models import ReferralCode

CODE_SHAPE = re.compile(r"[a-z0-9]{4,16}")


class ReferrerTotal(NamedTuple):
    """What one person's links raised for a campaign; `name` is their public name only."""

    name: str
    total: int
    donation_count: int


class CampaignReferralTotal(NamedTuple):
    campaign: Campaign
    total: int
    donation_count: int


def referral_user_get(*, code: str) -> User | None:
    """The active person a code belongs to; None for anything else (one indexed lookup, none
    for strings that cannot be a code)."""
    code = code.strip().lower()
    if not CODE_SHAPE.fullmatch(code):
        return None
    row = (
        ReferralCode.objects.select_related("user").filter(code=code, user__is_active=True).first()
    )
    return row.user if row is not None else None


def referral_code_of(*, user: User) -> str | None:
    """The person's code if they already have one (reading never creates it)."""
    if not user.is_authenticated:
        return None
    return ReferralCode.objects.filter(user=user).values_list("code", flat=True).first()


def _referred_settled() -> QuerySet[Donation]:
    return Donation.objects.filter(status=DonationStatus.SETTLED, referrer__isnull=False)


def referrers_top(*, campaign: Campaign, limit: int | None = 5) -> list[ReferrerTotal]:
    """The people whose links raised the most for a campaign, largest total first."""
    rows = (
        _referred_settled()
        .filter(campaign=campaign)
        .values("referrer")
        .annotate(total=Sum("amount"), donation_count=Count("id"))
        .order_by("-total", "-donation_count", "referrer")
    )
    if limit is not None:
        rows = rows[:limit]
    rows_list = list(rows)
    people = User.objects.in_bulk([row["referrer"] for row in rows_list])
    return [
        ReferrerTotal(people[row["referrer"]].public_name, row["total"], row["donation_count"])
        for row in rows_list
    ]


def referral_totals_for(
    *, user: User, campaign: Campaign | None = None
) -> list[CampaignReferralTotal]:
    """What a person's links raised, per campaign, largest total first (their dashboard)."""
    if not user.is_authenticated:
        return []
    rows = _referred_settled().filter(referrer=user)
    if campaign is not None:
        rows = rows.filter(campaign=campaign)
    totals = list(
        rows.values("campaign")
        .annotate(total=Sum("amount"), donation_count=Count("id"))
        .order_by("-total", "campaign")
    )
    campaigns = Campaign.objects.in_bulk([row["campaign"] for row in totals])
    return [
        CampaignReferralTotal(campaigns[row["campaign"]], row["total"], row["donation_count"])
        for row in totals
    ]
