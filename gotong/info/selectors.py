"""Reads of help information for pages and the API: never the author's email, never a
person's contact (only an institution's), never a vote's voter, never who reported a post
(except to a verifikator)."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from django.db.models import Case, IntegerField, Prefetch, Q, QuerySet, Value, When
from django.utils.translation import gettext as _

from gotong.accounts.models import User
from gotong.campaigns.models import Campaign
from gotong.info.indexing import SEARCH_KIND
from gotong.info.models import (
    ChangeOutcome,
    GroupKind,
    InfoLink,
    InfoPost,
    InfoReport,
    InfoReportStatus,
    InfoStatusChange,
    InfoVote,
)
from gotong.info.transitions import LISTED, InfoStatus
from gotong.regions.models import Region
from gotong.search.selectors import Match, documents_search


def info_public(
    *, region: str | None = None, kind: str | None = None, status: str | None = None
) -> QuerySet[InfoPost]:
    """Posts anyone may read; by default the live ones (not `salah`, not `kedaluwarsa`),
    most recently checked first. `region` includes every region inside it."""
    posts = InfoPost.objects.prefetch_related(
        "region",
        "sources",
        Prefetch(
            "history",
            queryset=InfoStatusChange.objects.filter(outcome=ChangeOutcome.APPLIED).order_by("id"),
        ),
    )
    posts = posts.filter(status=status) if status else posts.filter(status__in=LISTED)
    if region:
        posts = posts.filter(region__code__startswith=region)
    if kind:
        posts = posts.filter(kind=kind)
    return posts.order_by("-checked_at", "-id")


def info_get(*, pk: int) -> InfoPost | None:
    """Any post by its id, whatever its status: a false or expired post stays readable."""
    return (
        InfoPost.objects.filter(pk=pk)
        .prefetch_related(
            "region",
            "sources",
            "revisions",
            Prefetch(
                "history",
                queryset=InfoStatusChange.objects.filter(outcome=ChangeOutcome.APPLIED).order_by(
                    "id"
                ),
            ),
        )
        .first()
    )


def info_waiting() -> QuerySet[InfoPost]:
    """Live posts not yet verified, for the verifikator's queue: disputed first, then confirmed by
    the community, then unverified; oldest first within each."""
    rank = Case(
        When(status=InfoStatus.DISPUTED, then=Value(0)),
        When(status=InfoStatus.COMMUNITY, then=Value(1)),
        default=Value(2),
        output_field=IntegerField(),
    )
    return (
        InfoPost.objects.filter(
            status__in=[InfoStatus.DISPUTED, InfoStatus.COMMUNITY, InfoStatus.UNVERIFIED]
        )
        .select_related("region")
        .alias(rank=rank)
        .order_by("rank", "created_at")
    )


@dataclass(frozen=True)
class InfoSearchResults:
    posts: Sequence[InfoPost]
    total: int
    match: Match


def info_search(
    *, q: str, region: str | None = None, kind: str | None = None, limit: int = 5, offset: int = 0
) -> InfoSearchResults:
    """Listed posts (not `salah`, not `kedaluwarsa`) whose title, what or where match `q`, best
    first, with their region: two queries (three when no post has every word)."""
    among = InfoPost.objects.filter(status__in=LISTED)
    if region:
        among = among.filter(region__code__startswith=region)
    if kind:
        among = among.filter(kind=kind)
    found = documents_search(kind=SEARCH_KIND, q=q, among=among, limit=limit, offset=offset)
    posts = InfoPost.objects.filter(pk__in=found.ids).select_related("region").in_bulk()
    return InfoSearchResults(
        posts=[posts[pk] for pk in found.ids if pk in posts], total=found.total, match=found.match
    )


def info_links_of(*, campaign: Campaign | None = None, need_id: int = 0) -> list[InfoLink]:
    """The links of a campaign or of a need (by id) to posts, in the order they were added,
    with the posts whatever their status now (the page warns about a false or expired one): one
    query."""
    if campaign is not None:
        links = InfoLink.objects.filter(campaign=campaign)
    else:
        links = InfoLink.objects.filter(need_id=need_id)
    return list(links.select_related("post__region"))


def info_link_owned(*, pk: int, owner: User) -> InfoLink | None:
    """A link from the owner's own campaign or need; None for anyone else's."""
    return (
        InfoLink.objects.filter(pk=pk)
        .filter(Q(campaign__owner=owner) | Q(need__poster=owner))
        .select_related("campaign", "need")
        .first()
    )


def info_report_get(*, pk: int) -> InfoReport | None:
    return InfoReport.objects.filter(pk=pk).select_related("post").first()


def info_reports_open() -> QuerySet[InfoReport]:
    """Open reports for the verifikator's queue, oldest first, with their post."""
    return (
        InfoReport.objects.filter(status=InfoReportStatus.OPEN)
        .select_related("post__region", "reporter")
        .order_by("created_at", "id")
    )


@dataclass(frozen=True)
class VoteShown:
    """One person's voice as the post's page shows it: never who, only the group they spoke
    from, when, and their evidence."""

    still_true: bool
    group: str
    at: datetime.datetime
    evidence_url: str
    photo_url: str
    counts: bool


def info_votes_shown(*, post: InfoPost, kecamatan_names: dict[str, str]) -> list[VoteShown]:
    """The post's votes, oldest first; `kecamatan_names` names the codes it knows (the post's
    kabupaten), others are looked up in one query."""
    rows = list(InfoVote.objects.filter(post=post).order_by("id"))
    codes = {v.group_key for v in rows if v.group_kind == GroupKind.DISTRICT}
    names = dict(kecamatan_names)
    if missing := codes - set(names):
        names |= dict(Region.objects.filter(code__in=missing).values_list("code", "name"))
    return [
        VoteShown(
            still_true=v.still_true,
            group=(
                _("Kec. %(name)s") % {"name": names.get(v.group_key, v.group_key)}
                if v.group_kind == GroupKind.DISTRICT
                else v.group_key
            ),
            at=v.created_at,
            evidence_url=v.evidence_url,
            photo_url=v.evidence_photo.url if v.evidence_photo else "",
            counts=v.counts,
        )
        for v in rows
    ]
