"""Reads of in-kind aid for pages and the API. Public reads never carry a phone number, an
RT/RW or the poster's email: those fields are left out of the querysets here (`PRIVATE`), so a
template or schema cannot show them by mistake."""

from __future__ import annotations

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.db.models.functions import Substr

from gotong.inkind.models import (
    URGENCY_RANK,
    AidEvent,
    AidReport,
    AidReportStatus,
    EventOutcome,
    Need,
    NeedLine,
    Offer,
    OfferStatus,
    Pledge,
)
from gotong.inkind.transitions import PUBLIC_NEED, NeedStatus, PledgeStatus

PRIVATE = ("place_detail", "contact_whatsapp")


def within(code: str, field: str = "region__code") -> Q:
    """Rows whose region is `code` or lies inside it: its descendants' codes extend it, and every
    segment has a fixed width (2.2.2.4), so a plain prefix is exact and an index scans it as a
    range."""
    return Q(**{f"{field}__startswith": code})


def needs_public(
    *, region: str | None = None, item: str | None = None, status: str | None = NeedStatus.OPEN
) -> QuerySet[Need]:
    """Needs anyone may see, most urgent and soonest first; open ones unless `status` says
    otherwise (None: every public status)."""
    # Prefetched, not joined: without the joins the planner takes the partial indexes of
    # `Need` (bench/needs.py).
    needs = (
        Need.objects.filter(status__in=PUBLIC_NEED)
        .defer(*PRIVATE)
        .prefetch_related(
            "region", "campaign", Prefetch("lines", queryset=NeedLine.objects.order_by("id"))
        )
    )
    if status:
        needs = needs.filter(status=status)
    if region:
        needs = needs.filter(within(region))
    if item:
        needs = needs.filter(Exists(NeedLine.objects.filter(need=OuterRef("pk"), item=item)))
    return needs.alias(rank=URGENCY_RANK).order_by("rank", "needed_by", "-id")


def need_public_get(*, pk: int) -> Need | None:
    return needs_public(status=None).filter(pk=pk).first()


def offers_public(*, region: str | None = None, item: str | None = None) -> QuerySet[Offer]:
    """Open offers; with `region`, those serving it, a region around it or one inside it."""
    offers = (
        Offer.objects.filter(status=OfferStatus.OPEN)
        .defer("contact_whatsapp")
        .prefetch_related("lines", "regions")
    )
    if region:
        parts = region.split(".")
        around = [".".join(parts[:depth]) for depth in range(1, len(parts) + 1)]
        offers = offers.filter(
            Q(regions__code__in=around) | Q(regions__code__startswith=f"{region}.")
        ).distinct()
    if item:
        offers = offers.filter(lines__item=item).distinct()
    return offers.order_by("-id")


def offers_suggested(*, need: Need, limit: int = 5) -> list[Offer]:
    """Open offers for this need's items, nearest first: the same desa, then kecamatan,
    kabupaten/kota, province (by how much of the region code the served region shares)."""
    items = {line.item for line in need.lines.all()}
    code = need.region_id
    ranked: list[tuple[int, int, Offer]] = []
    for offer in offers_public(region=code).filter(lines__item__in=items).distinct():
        served = [r.code for r in offer.regions.all()]
        near = max(
            (len(s.split(".")) for s in served if code == s or code.startswith(f"{s}.")),
            default=0,
        )
        ranked.append((-near, -offer.pk, offer))
    return [offer for *_key, offer in sorted(ranked)[:limit]]


def pledges_of_need(*, need: Need) -> QuerySet[Pledge]:
    """A need's pledges for its poster's page (the helpers' phones are left out)."""
    return (
        Pledge.objects.filter(line__need=need)
        .defer("helper_whatsapp")
        .select_related("line", "helper")
        .order_by("-created_at")
    )


def need_visible_get(*, pk: int, viewer) -> Need | None:
    """A public need, or the viewer's own need in any status (their drafts and reviews)."""
    need = need_public_get(pk=pk)
    if need is None and getattr(viewer, "is_authenticated", False):
        need = (
            Need.objects.filter(pk=pk, poster=viewer)
            .select_related("region", "campaign")
            .prefetch_related("lines")
            .first()
        )
    return need


def pledge_of_party(*, pk: int, viewer) -> Pledge | None:
    """A pledge for one of its two people (the helper, the need's poster); None otherwise."""
    if not getattr(viewer, "is_authenticated", False):
        return None
    return (
        Pledge.objects.filter(pk=pk)
        .filter(Q(helper=viewer) | Q(line__need__poster=viewer))
        .select_related("line__need__region", "helper", "offer")
        .first()
    )


def needs_of(*, poster) -> QuerySet[Need]:
    return Need.objects.filter(poster=poster).select_related("region").order_by("-created_at")


def pledges_of(*, helper) -> QuerySet[Pledge]:
    return (
        Pledge.objects.filter(helper=helper)
        .select_related("line__need__region")
        .order_by("-created_at")
    )


def needs_in_review() -> QuerySet[Need]:
    return (
        Need.objects.filter(status=NeedStatus.IN_REVIEW)
        .defer(*PRIVATE)
        .select_related("region", "poster", "possible_duplicate_of")
        .prefetch_related("lines")
        .order_by("created_at")
    )


def pledges_disputed() -> QuerySet[Pledge]:
    return (
        Pledge.objects.filter(status=PledgeStatus.DISPUTED)
        .defer("helper_whatsapp")
        .select_related("line__need__region", "helper")
        .prefetch_related("events")
        .order_by("created_at")
    )


def need_history(*, need: Need) -> QuerySet[AidEvent]:
    """The need's applied moves, oldest first, for its public page."""
    return AidEvent.objects.filter(need=need, outcome=EventOutcome.APPLIED, pledge__isnull=True)


def open_needs_by_child(*, region_code: str, child_code_length: int) -> dict[str, int]:
    """{child region code: open needs inside it} for the regions one level below `region_code`
    (their codes all have `child_code_length` characters), in one query."""
    rows = (
        Need.objects.filter(status=NeedStatus.OPEN, region__code__startswith=f"{region_code}.")
        .annotate(child=Substr("region_id", 1, child_code_length))
        .values("child")
        .annotate(n=Count("*"))
        .values_list("child", "n")
    )
    return dict(rows)


def needs_of_campaign(*, campaign) -> list[Need]:
    """The public needs linked to a money campaign, for its page."""
    return list(needs_public(status=None).filter(campaign=campaign)[:10])


def offer_public_get(*, pk: int) -> Offer | None:
    return offers_public().filter(pk=pk).first()


def needs_suggested(*, offer: Offer, limit: int = 10) -> list[Need]:
    """Open needs inside the regions an offer serves that ask for what it offers, most urgent
    first."""
    served = Q()
    for region in offer.regions.all():
        served |= within(region.code)
    items = {line.item for line in offer.lines.all()}
    if not items or not served:
        return []
    return list(needs_public().filter(served).filter(lines__item__in=items).distinct()[:limit])


def aid_reports_open() -> QuerySet[AidReport]:
    return (
        AidReport.objects.filter(status=AidReportStatus.OPEN)
        .select_related("need", "offer")
        .order_by("created_at")
    )


def needs_for_sitemap() -> QuerySet[Need]:
    return (
        Need.objects.filter(status=NeedStatus.OPEN)
        .only("pk", "opened_at", "created_at")
        .order_by("pk")
    )


def deliveries_confirmed_count() -> int:
    """Pledges their recipients confirmed as received: the platform's in-kind headline."""
    return Pledge.objects.filter(status=PledgeStatus.CONFIRMED).count()
