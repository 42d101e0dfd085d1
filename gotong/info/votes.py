"""The community's voice on a post: 'masih benar' or 'sudah tidak benar', one per person, and
the bridging rule that turns votes into a status (decision 23): three counted confirmations
from at least two groups (kecamatan or organisations) confirm; denials from two groups
dispute. Accounts younger than seven days are heard but not counted."""

from __future__ import annotations

import datetime
import re
from typing import cast

from django.core.exceptions import ValidationError
from django.core.files.base import File
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gotong.accounts.models import User
from gotong.core.images import photo_process
from gotong.info.cleaning import clean_url
from gotong.info.models import ActorRole, GroupKind, InfoPost, InfoVote
from gotong.info.services import Moved, post_lock, post_move_locked
from gotong.info.transitions import LIVE, InfoEvent, InfoStatus
from gotong.regions.models import Region, RegionLevel

CONFIRMATIONS_NEEDED = 3
GROUPS_NEEDED = 2
DISPUTE_GROUPS_NEEDED = 2
ACCOUNT_MIN_AGE = datetime.timedelta(days=7)
PHOTO_MIN_WIDTH, PHOTO_MAX_WIDTH = 200, 1600


def _group(kind: str, key: str) -> str:
    if kind == GroupKind.DISTRICT:
        region = Region.objects.filter(code=key.strip()).first()
        if region is None or region.level != RegionLevel.DISTRICT:
            raise ValidationError({"group": _("Pilih kecamatan Anda.")})
        return region.code
    if kind == GroupKind.ORGANISATION:
        name = re.sub(r"\s+", " ", key).strip().lower()
        if not 2 <= len(name) <= 120:
            raise ValidationError({"group": _("Tulis nama organisasi Anda.")})
        return name
    raise ValidationError({"group": _("Pilih kecamatan atau organisasi Anda.")})


def info_vote(
    *,
    post: InfoPost,
    voter: User,
    still_true: bool,
    group_kind: str,
    group_key: str,
    evidence_url: str = "",
    evidence_photo: File | None = None,
) -> Moved | None:
    """One voice per person (a second vote replaces the first, its evidence too), with an
    optional link or photo (re-encoded: a phone's GPS position is dropped). After it, the
    bridging rule: 3 counted 'masih benar' from 2 groups confirm an unverified post; 'sudah
    tidak benar' from 2 groups disputes a live one. Returns the move it caused, if any."""
    if voter.pk == post.author_id:
        raise ValidationError(_("Penulis tidak ikut mengonfirmasi infonya sendiri."))
    key = _group(group_kind, group_key)
    url = clean_url(evidence_url, field="evidence_url") if evidence_url.strip() else ""
    photo = _photo(evidence_photo) if evidence_photo else None
    counts = voter.date_joined <= timezone.now() - ACCOUNT_MIN_AGE
    with transaction.atomic():
        locked = post_lock(post)
        if locked.status not in LIVE:
            raise ValidationError(_("Informasi ini tidak lagi menerima tanggapan."))
        vote, _created = InfoVote.objects.update_or_create(
            post=locked,
            voter=voter,
            defaults={
                "still_true": still_true,
                "group_kind": group_kind,
                "group_key": key,
                "evidence_url": url,
                "evidence_photo": "",
                "counts": counts,
            },
        )
        if photo is not None:
            vote.evidence_photo.save(f"tanggapan-{vote.pk}.jpg", photo, save=True)
        return _bridging(locked)


def _photo(upload: File) -> File:
    try:
        return photo_process(
            cast(UploadedFile, upload), min_width=PHOTO_MIN_WIDTH, max_width=PHOTO_MAX_WIDTH
        )
    except ValidationError as exc:
        raise ValidationError({"evidence_photo": exc.messages}) from None


def _bridging(post: InfoPost) -> Moved | None:
    votes = list(
        InfoVote.objects.filter(post=post, counts=True).values_list(
            "still_true", "group_kind", "group_key"
        )
    )
    yes = [(kind, key) for true, kind, key in votes if true]
    no_groups = {(kind, key) for true, kind, key in votes if not true}
    if post.status != InfoStatus.DISPUTED and len(no_groups) >= DISPUTE_GROUPS_NEEDED:
        return post_move_locked(
            post,
            InfoEvent.DISPUTE,
            role=ActorRole.COMMUNITY,
            actor=None,
            reason=_("Dibantah warga dari %(n)d kelompok") % {"n": len(no_groups)},
        )
    if (
        post.status == InfoStatus.UNVERIFIED
        and len(yes) >= CONFIRMATIONS_NEEDED
        and len(set(yes)) >= GROUPS_NEEDED
    ):
        return post_move_locked(
            post,
            InfoEvent.COMMUNITY,
            role=ActorRole.COMMUNITY,
            actor=None,
            reason=_("%(n)d warga dari %(g)d kelompok") % {"n": len(yes), "g": len(set(yes))},
        )
    return None
