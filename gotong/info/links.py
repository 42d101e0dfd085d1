""" "Info terkait": a campaign's owner links posts to their campaign, a need's poster to their
need, by the post's number or its address, and unlinks them. Only a listed post (not `salah`,
not `kedaluwarsa`) can be linked; a link stays when its post later turns false or expires, and
the page then warns about it. Needs are reached by their id and poster only (info does not
import in-kind aid)."""

from __future__ import annotations

import re
from typing import Protocol
from urllib.parse import urlsplit

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from gotong.accounts.models import User
from gotong.campaigns.models import Campaign
from gotong.info.models import InfoLink, InfoPost
from gotong.info.transitions import LISTED

MAX_LINKS = 10
_NUMBER = re.compile(r"#?(\d{1,12})")
_PATH = re.compile(r"(?:^|/)info/(\d{1,12})/?")


class PostedNeed(Protocol):
    """What linking needs of a need: its id and who posted it."""

    @property
    def pk(self) -> int: ...
    @property
    def poster_id(self) -> int: ...


def post_reference(text: str) -> int | None:
    """The post number in "12", "#12", "https://…/info/12/" or "/en/info/12/"; None if none."""
    text = text.strip()
    if len(text) > 500:
        return None
    number = _NUMBER.fullmatch(text)
    if number:
        return int(number.group(1))
    path = _PATH.search(urlsplit(text).path)
    return int(path.group(1)) if path else None


def info_link_add(
    *,
    actor: User,
    reference: str,
    campaign: Campaign | None = None,
    need: PostedNeed | None = None,
) -> InfoLink:
    """Link the post `reference` names to the actor's own campaign or need (exactly one)."""
    subject: dict[str, object]
    if campaign is not None and need is None:
        owner_id, subject = campaign.owner_id, {"campaign": campaign}
    elif need is not None and campaign is None:
        owner_id, subject = need.poster_id, {"need_id": need.pk}
    else:
        raise ValueError("a link is from one campaign or one need")
    if owner_id != actor.pk:
        raise PermissionDenied
    pk = post_reference(reference)
    if pk is None:
        raise ValidationError(
            {"reference": _("Tulis nomor info atau tautannya, misalnya 12 atau …/info/12/.")}
        )
    post = InfoPost.objects.filter(pk=pk).first()
    if post is None:
        raise ValidationError({"reference": _("Info #%(n)d tidak ditemukan.") % {"n": pk}})
    if post.status not in LISTED:
        raise ValidationError(
            {"reference": _("Info yang salah atau kedaluwarsa tidak bisa ditautkan.")}
        )
    already = ValidationError({"reference": _("Info ini sudah ditautkan.")})
    try:
        with transaction.atomic():
            links = InfoLink.objects.filter(**subject)
            if links.filter(post=post).exists():
                raise already
            if links.count() >= MAX_LINKS:
                raise ValidationError(
                    {"reference": _("Paling banyak %(n)d info terkait.") % {"n": MAX_LINKS}}
                )
            return InfoLink.objects.create(post=post, added_by=actor, **subject)
    except IntegrityError:  # the same link, added at the same moment
        raise already from None


def info_link_remove(*, actor: User, link: InfoLink) -> None:
    """The campaign's owner or the need's poster takes the link away (the post stays)."""
    owner_id: int | None
    if link.campaign is not None:
        owner_id = link.campaign.owner_id
    else:
        owner_id = link.need.poster_id if link.need is not None else None
    if owner_id != actor.pk:
        raise PermissionDenied
    with transaction.atomic():
        InfoLink.objects.filter(pk=link.pk).delete()
