"""Reads for campaigns. Totals come from the stored counters on Campaign, never from sums."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, connection, connections, router
from django.db.models import Count, F, Q, QuerySet
from django.utils import timezone

from gotong.accounts.models import User
from gotong.audit.models import AuditEntry
from gotong.campaigns.models import (
    NEARLY_FUNDED_PERCENT,
    PUBLIC_STATUSES,
    Campaign,
    CampaignStatus,
)
from gotong.ledger.models import JournalEntry


def campaigns_public() -> QuerySet[Campaign]:
    """Published campaigns still open for donations."""
    return Campaign.objects.filter(
        status=CampaignStatus.PUBLISHED, deadline__gte=timezone.localdate()
    ).select_related("owner")


def campaigns_with_ledger() -> QuerySet[Campaign]:
    """Every campaign whose public ledger is open (published, ended, suspended, closed), newest
    first: the transparency page links each one's ledger."""
    return Campaign.objects.filter(status__in=PUBLIC_STATUSES).order_by("-published_at", "-id")


def campaigns_featured(*, limit: int = 3) -> list[Campaign]:
    return list(campaigns_public().filter(is_featured=True).order_by("-published_at")[:limit])


def campaigns_newest(*, limit: int = 6) -> list[Campaign]:
    return list(campaigns_public().order_by("-published_at", "-id")[:limit])


def nearly_funded(campaigns: QuerySet[Campaign]) -> QuerySet[Campaign]:
    """Those of `campaigns` at NEARLY_FUNDED_PERCENT of their target or more, not yet at it."""
    return campaigns.alias(percent_of=F("collected") * 100).filter(
        percent_of__gte=F("target") * NEARLY_FUNDED_PERCENT, collected__lt=F("target")
    )


def campaigns_nearly_funded(*, limit: int = 6) -> list[Campaign]:
    """Open campaigns nearly at target, closest to it first (collected/target, descending)."""
    return list(
        nearly_funded(campaigns_public())
        .annotate(progress=F("collected") * 10_000 / F("target"))
        .order_by("-progress", "-published_at")[:limit]
    )


def campaigns_by_category(*, category: str | None) -> QuerySet[Campaign]:
    qs = campaigns_public().order_by("-published_at", "-id")
    return qs.filter(category=category) if category else qs


def campaigns_in_region(*, code: str) -> QuerySet[Campaign]:
    """Campaigns open for donations whose region is `code` or lies inside it, newest first."""
    inside = Q(region__code=code) | Q(region__code__startswith=f"{code}.")
    return campaigns_public().filter(inside).order_by("-published_at", "-id")


def campaign_get_public(*, slug: str) -> Campaign | None:
    """A campaign whose page anyone may see: published, ended, suspended or closed (never a
    draft or one in review)."""
    return Campaign.objects.filter(slug=slug, status__in=PUBLIC_STATUSES).first()


def _visible_to(campaign: Campaign, viewer: User | None) -> bool:
    """A campaign page is public once published (or ended); drafts only to owner and staff."""
    return campaign.status in PUBLIC_STATUSES or (
        viewer is not None
        and viewer.is_authenticated
        and (viewer.is_staff or campaign.owner_id == viewer.pk)
    )


def campaign_get_visible(*, slug: str, viewer: User | None) -> Campaign | None:
    campaign = Campaign.objects.select_related("owner").filter(slug=slug).first()
    return campaign if campaign is not None and _visible_to(campaign, viewer) else None


def campaign_get_page(*, slug: str, viewer: User | None) -> Campaign | None:
    """`campaign_get_visible` for the campaign page, with `audit_latest` (the newest audit
    row's id, so that `campaign_version` needs no query) and its owner's public name (the
    owner's other fields are read if ever asked for). With the page cache on, the campaign is
    kept under its validator, read from the database its row comes from, for as long as a
    page; a render that finds it reads one short row instead of the campaign's."""
    seconds = settings.PAGE_CACHE_SECONDS
    using = router.db_for_read(Campaign)
    version = campaign_page_version(slug=slug, using=using) if seconds > 0 else None
    key = "campaign-page:" + hashlib.sha256(f"{slug}|{version!r}".encode()).hexdigest()
    campaign = cache.get(key) if version is not None else None
    if campaign is None:
        campaign = _campaign_read(slug, using)
        if campaign is not None and version is not None:
            cache.set(key, campaign, seconds)
    return campaign if campaign is not None and _visible_to(campaign, viewer) else None


def _campaign_read(slug: str, using: str) -> Campaign | None:
    # One statement written out: the ORM took several times longer to build it than the
    # database to answer it (bench/campaign_page.py).
    qn = connection.ops.quote_name
    sql = (
        f"SELECT c.*, u.display_name AS owner_display_name,"  # noqa: S608 (fixed text)
        f" (SELECT max(id) FROM {qn(AuditEntry._meta.db_table)}) AS audit_latest"
        f" FROM {qn(Campaign._meta.db_table)} c"
        f" JOIN {qn(User._meta.db_table)} u ON u.id = c.owner_id WHERE c.slug = %s"
    )
    campaign = next(iter(Campaign.objects.using(using).raw(sql, [slug])), None)
    if campaign is not None:
        name = campaign.owner_display_name  # type: ignore[attr-defined]
        campaign.owner = User.from_db(using, ["id", "display_name"], [campaign.owner_id, name])
    return campaign


def campaigns_owned(*, owner: User) -> QuerySet[Campaign]:
    return Campaign.objects.filter(owner=owner).order_by("-created_at")


def campaigns_in_review() -> QuerySet[Campaign]:
    """Oldest first, each with `owner_others`: how many other campaigns its owner has."""
    return (
        Campaign.objects.filter(status=CampaignStatus.IN_REVIEW)
        .select_related("owner", "region")
        .annotate(owner_others=Count("owner__campaigns") - 1)
        .order_by("submitted_at")
    )


def campaign_owner_history(*, campaign: Campaign) -> list[tuple[str, int]]:
    """The owner's other campaigns counted by status, as (status label, count) in the order of
    the statuses, for the reviewer: one query."""
    rows = (
        Campaign.objects.filter(owner_id=campaign.owner_id)
        .exclude(pk=campaign.pk)
        .values("status")
        .annotate(n=Count("pk"))
    )
    counts = {row["status"]: row["n"] for row in rows}
    return [
        (str(label), counts[value]) for value, label in CampaignStatus.choices if value in counts
    ]


# What the campaign page shows that a request can change, besides the newest audit row.
PAGE_VERSION_FIELDS = (
    "status",
    "collected",
    "donor_count",
    "fees",
    "paid_out",
    "refunded",
    "updated_at",
)


def campaign_page_version(*, slug: str, using: str = DEFAULT_DB_ALIAS) -> tuple[object, ...] | None:
    """What the campaign page shows that can change in a request: the campaign's state,
    counters and `updated_at` (one primary-key lookup), and the newest audit row, since every
    staff decision (verification, moderation, payouts) writes one. The page cache keys on it
    (gotong.core.pagecache); None for a missing campaign (not cached)."""
    # One statement, written out: it runs before every cached page is served, where building
    # two ORM queries cost more than the rest of a cache hit (bench/campaign_page.py).
    sql = (
        f"SELECT {', '.join(PAGE_VERSION_FIELDS)},"  # noqa: S608 (fixed text)
        f" (SELECT max(id) FROM {AuditEntry._meta.db_table})"
        f" FROM {Campaign._meta.db_table} WHERE slug = %s"
    )
    with connections[using].cursor() as cursor:
        cursor.execute(sql, [slug])
        row = cursor.fetchone()
    return None if row is None else tuple(row)


def campaign_version(campaign: Campaign) -> tuple[object, ...]:
    """`campaign_page_version` of a campaign read by `campaign_get_page`, without a query."""
    latest = campaign.audit_latest  # type: ignore[attr-defined]
    return (*(getattr(campaign, name) for name in PAGE_VERSION_FIELDS), latest)


def listing_version() -> tuple[int, int]:
    """Changes with every ledger entry (donations, fees, payouts, refunds) and every staff
    action (publish, suspend, ...): two index lookups, for the cached home and list pages."""
    entry = JournalEntry.objects.order_by("-id").values_list("id", flat=True).first()
    action = AuditEntry.objects.order_by("-id").values_list("id", flat=True).first()
    return entry or 0, action or 0
