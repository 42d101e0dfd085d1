from __future__ import annotations

import datetime

from django.db import connection
from django.db.models import (
    Count,
    Exists,
    IntegerField,
    OuterRef,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce, TruncDate
from django.utils import timezone

from gotong.accounts.models import User
from gotong.campaigns.models import Campaign
from gotong.donations.models import Amen, Donation, DonationStatus


def donations_settled(*, campaign: Campaign) -> QuerySet[Donation]:
    """Settled donations of a campaign, newest first (the public donor list)."""
    return Donation.objects.filter(campaign=campaign, status=DonationStatus.SETTLED).order_by(
        "-settled_at", "-id"
    )


def prayers_of(*, campaign: Campaign, viewer: User | None) -> QuerySet[Donation]:
    """Settled donations with a prayer (doa), newest first, each with `amen_count` and, for a
    signed-in viewer, `amened` (whether they said Aamiin); one query. A guest's own Aamiin is
    not looked up: their page may come from the anonymous page cache, shared by every guest."""
    counts = (
        Amen.objects.filter(donation=OuterRef("pk"))
        .values("donation")
        .annotate(n=Count("id"))
        .values("n")
    )
    signed_in = viewer is not None and viewer.is_authenticated
    amened = (
        Exists(Amen.objects.filter(donation=OuterRef("pk"), user=viewer))
        if signed_in
        else Value(False)
    )
    return (
        donations_settled(campaign=campaign)
        .exclude(message="")
        .annotate(
            amen_count=Coalesce(Subquery(counts, output_field=IntegerField()), 0),
            amened=amened,
        )
    )


def amen_latest() -> int:
    """The newest Aamiin's id, 0 before any: it moves with every Aamiin said anywhere, which is
    what the campaign page's prayers, shared by its guests, are kept by. One index lookup."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT max(id) FROM {Amen._meta.db_table}")  # noqa: S608 (fixed text)
        row = cursor.fetchone()
    return row[0] or 0


def donation_get(*, order_id: str) -> Donation | None:
    return Donation.objects.select_related("campaign").filter(order_id=order_id).first()


def donations_per_day(*, campaign: Campaign, since: datetime.date) -> dict[datetime.date, int]:
    """The amount of the campaign's settled donations per local day from `since` (its index
    `campaign, status, -settled_at` bounds the read); days without a donation are absent."""
    rows = (
        Donation.objects.filter(
            campaign=campaign,
            status=DonationStatus.SETTLED,
            settled_at__gte=timezone.make_aware(
                datetime.datetime.combine(since, datetime.time.min)
            ),
        )
        .annotate(day=TruncDate("settled_at"))
        .values("day")
        .annotate(amount=Sum("amount"))
    )
    return {row["day"]: row["amount"] for row in rows}
