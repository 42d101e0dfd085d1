"""Reads of help information for pages and the API: never the author's email, never a
person's contact (only an institution's), never a vote's voter."""

from __future__ import annotations

from django.db.models import Case, IntegerField, Prefetch, QuerySet, Value, When

from gotong.info.models import ChangeOutcome, InfoPost, InfoStatusChange
from gotong.info.transitions import LISTED, InfoStatus


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
