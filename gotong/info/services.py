"""Writes of help information: publish a post with its sources, edit it (a new revision; a
change of what / when / where, or of a hoax clarification's claim or verdict, sends a checked
post back to review), the verifikator's verdicts, freshness (expiry, renewal). The community's
votes are in `votes.py`, the claim a hoax clarification answers in `claims.py`, links from
campaigns and needs in `links.py`, reports in `reports.py`; both publish and edit re-index the
post's text (`indexing.py`).

Every status change goes through `post_move_locked`, which consults the table and writes the
history row, applied or refused. Lock order: the post row first, always. Sources are checked
and stored by `sources.py`.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from gotong.accounts.models import User
from gotong.accounts.roles import Role, has_role
from gotong.audit.models import AuditAction
from gotong.audit.services import audit_record
from gotong.info.claims import ClaimInput, claim_clean
from gotong.info.cleaning import clean_text, cleaned_all
from gotong.info.emails import info_email_queue
from gotong.info.indexing import info_index_update
from gotong.info.kinds import FRESHNESS, InfoKind
from gotong.info.models import (
    ActorRole,
    ChangeOutcome,
    InfoPost,
    InfoReminderKind,
    InfoReport,
    InfoReportStatus,
    InfoRevision,
    InfoStatusChange,
)
from gotong.info.rollup import info_change_add
from gotong.info.sources import SourceInput, sources_clean, sources_save
from gotong.info.transitions import LIVE, InfoEvent, InfoStatus, info_decide
from gotong.regions.models import Region

# The fields whose change sends a checked post back to review, and the words for them that the
# history row records.
SUBSTANTIVE = {
    "what": _lazy("apa"),
    "when_text": _lazy("kapan"),
    "where_text": _lazy("di mana"),
    "claim_text": _lazy("klaim"),
    "claim_verdict": _lazy("putusan klaim"),
}


@dataclass(frozen=True)
class Moved:
    applied: bool
    status: str
    reason: str = ""


def _texts(
    kind: str, title: str, what: str, when_text: str, where_text: str, claim: ClaimInput | None
) -> dict[str, str]:
    """The post's text fields and its claim's, checked: every field refused is named at once."""
    errors: dict[str, list[str]] = {}
    texts: dict[str, str] = {}
    checks = (
        lambda: cleaned_all(
            {
                "title": lambda: clean_text(title, field="title", limit=140, label=_("judul")),
                "what": lambda: clean_text(what, field="what", limit=3000, label=_("apa")),
                "when_text": lambda: clean_text(
                    when_text, field="when_text", limit=200, label=_("kapan")
                ),
                "where_text": lambda: clean_text(
                    where_text, field="where_text", limit=300, label=_("di mana")
                ),
            }
        ),
        lambda: claim_clean(kind, claim),
    )
    for check in checks:
        try:
            texts |= check()
        except ValidationError as exc:
            errors |= exc.message_dict
    if errors:
        raise ValidationError(errors)
    return texts


def _contact(text: str) -> str:
    return text.replace("\x00", "").strip()[:120]


def _claim_of(post: InfoPost) -> ClaimInput:
    return ClaimInput(
        text=post.claim_text,
        spread_on=post.claim_spread_on,
        archive_url=post.claim_archive_url,
        verdict=post.claim_verdict,
        method=post.claim_method,
        references=post.claim_reference_list,
    )


def _ttl(kind: str, ttl_days: int | None) -> int:
    bounds = FRESHNESS[kind]
    if ttl_days is None:
        return bounds.default_days
    if not bounds.min_days <= ttl_days <= bounds.max_days:
        raise ValidationError(
            {
                "ttl_days": _("Masa berlaku antara %(a)d dan %(b)d hari.")
                % {"a": bounds.min_days, "b": bounds.max_days}
            }
        )
    return ttl_days


def _until(kind: str, valid_until: datetime.date) -> tuple[int, datetime.datetime]:
    """A post that lasts until the end of a day the author chose (a distribution on Saturday):
    its time-to-live in days, within the kind's bounds, and that day's end."""
    bounds = FRESHNESS[kind]
    today = timezone.localdate()
    days = (valid_until - today).days + 1
    if not bounds.min_days <= days <= bounds.max_days:
        last = today + datetime.timedelta(days=bounds.max_days - 1)
        raise ValidationError(
            {
                "valid_until": _("Pilih tanggal antara hari ini dan %(d)s.")
                % {"d": date_format(last, "j F Y")}
            }
        )
    end = datetime.datetime.combine(valid_until, datetime.time(23, 59, 59))
    return days, timezone.make_aware(end)


def info_post_create(
    *,
    author: User,
    kind: str,
    region_code: str,
    title: str,
    what: str,
    when_text: str,
    where_text: str,
    sources: list[SourceInput],
    is_institution: bool = False,
    institution_contact: str = "",
    ttl_days: int | None = None,
    valid_until: datetime.date | None = None,
    claim: ClaimInput | None = None,
) -> InfoPost:
    """Publish a post (no source, no publication), as revision 1, `belum diverifikasi`. It
    stays fresh for `ttl_days` (the kind's default if None), or until the end of `valid_until`,
    within the kind's bounds. A `klarifikasi hoaks` post needs its `claim`; any other kind may
    not have one."""
    if kind not in InfoKind.values:
        raise ValidationError({"kind": _("Pilih jenis informasi.")})
    region = Region.objects.filter(code=region_code).first()
    if region is None:
        raise ValidationError({"region": _("Pilih wilayah yang dikenal.")})
    fields = _texts(kind, title, what, when_text, where_text, claim)
    contact = _contact(institution_contact) if is_institution else ""
    now = timezone.now()
    if valid_until is not None:
        days, expires_at = _until(kind, valid_until)
    else:
        days = _ttl(kind, ttl_days)
        expires_at = now + datetime.timedelta(days=days)
    cleaned = sources_clean(sources)
    with transaction.atomic():
        post = InfoPost.objects.create(
            author=author,
            kind=kind,
            region=region,
            is_institution=is_institution,
            institution_contact=contact,
            ttl_days=days,
            checked_at=now,
            expires_at=expires_at,
            **fields,
        )
        InfoRevision.objects.create(
            post=post, number=1, author=author, institution_contact=contact, **fields
        )
        sources_save(post=post, sources=cleaned, added_by=author)
        published = InfoStatusChange.objects.create(
            post=post,
            event=InfoEvent.PUBLISH,
            from_status="",
            to_status=InfoStatus.UNVERIFIED,
            outcome=ChangeOutcome.APPLIED,
            role=ActorRole.AUTHOR,
            actor=author,
        )
        info_index_update(post=post)
        info_change_add(post=post, change=published)
    return post


def post_lock(post: InfoPost) -> InfoPost:
    return InfoPost.objects.select_for_update().get(pk=post.pk)


def post_move_locked(
    post: InfoPost,
    event: str,
    *,
    role: str,
    actor: User | None,
    reason: str = "",
    evidence: str = "",
) -> Moved:
    """Apply `event` to a post the caller holds locked, by the table; record it either way."""
    decision = info_decide(status=post.status, event=event)
    change = InfoStatusChange.objects.create(
        post=post,
        event=event,
        from_status=post.status,
        to_status=decision.to,
        outcome=ChangeOutcome.APPLIED if decision.allowed else ChangeOutcome.REFUSED,
        role=role,
        actor=actor,
        reason=(reason if decision.allowed else decision.reason)[:1000],
        evidence=evidence[:500],
    )
    if not decision.allowed:
        return Moved(False, post.status, decision.reason)
    post.status = decision.to
    post.save(update_fields=["status"])
    info_change_add(post=post, change=change)
    return Moved(True, post.status)


def _freshen(post: InfoPost) -> None:
    now = timezone.now()
    post.checked_at, post.expires_at = now, now + datetime.timedelta(days=post.ttl_days)
    post.save(update_fields=["checked_at", "expires_at"])


def info_post_edit(
    *,
    post: InfoPost,
    actor: User,
    title: str,
    what: str,
    when_text: str,
    where_text: str,
    institution_contact: str = "",
    claim: ClaimInput | None = None,
) -> InfoPost:
    """The author's edit is a new revision; a change to what / when / where, or to the claim or
    its verdict, sends a post that was confirmed, verified or disputed back to `belum
    diverifikasi`. Without `claim`, a `klarifikasi hoaks` post keeps the one it has."""
    if actor.pk != post.author_id:
        raise PermissionDenied
    if claim is None and post.kind == InfoKind.HOAX:
        claim = _claim_of(post)
    fields = _texts(post.kind, title, what, when_text, where_text, claim)
    contact = _contact(institution_contact)
    with transaction.atomic():
        locked = post_lock(post)
        if locked.status not in LIVE:
            raise ValidationError(_("Informasi yang salah atau kedaluwarsa tidak bisa diubah."))
        contact = contact if locked.is_institution else ""
        changed = [name for name in SUBSTANTIVE if getattr(locked, name) != fields[name]]
        if contact == locked.institution_contact and all(
            getattr(locked, name) == value for name, value in fields.items()
        ):
            return locked
        locked.revision += 1
        for name, value in fields.items():
            setattr(locked, name, value)
        locked.institution_contact = contact
        locked.save(update_fields=["revision", "institution_contact", *fields])
        InfoRevision.objects.create(
            post=locked,
            number=locked.revision,
            author=actor,
            institution_contact=contact,
            **fields,
        )
        info_index_update(post=locked)
        if changed and locked.status != InfoStatus.UNVERIFIED:
            post_move_locked(
                locked,
                InfoEvent.CORRECT,
                role=ActorRole.AUTHOR,
                actor=actor,
                reason=_("Diubah: %(fields)s")
                % {"fields": ", ".join(str(SUBSTANTIVE[name]) for name in changed)},
            )
        _freshen(locked)
        return locked


def _verdict(post: InfoPost, actor: User, event: str, note: str, evidence: str) -> Moved:
    if not has_role(actor, Role.VERIFIER) or actor.pk == post.author_id:
        raise PermissionDenied
    if not note.strip():
        raise ValidationError({"note": _("Tuliskan catatan pemeriksaan.")})
    if not evidence.strip():
        raise ValidationError({"evidence": _("Sertakan bukti pemeriksaan.")})
    with transaction.atomic():
        locked = post_lock(post)
        moved = post_move_locked(
            locked,
            event,
            role=ActorRole.VERIFIER,
            actor=actor,
            reason=note.strip(),
            evidence=evidence.strip(),
        )
        if moved.applied:
            if event == InfoEvent.VERIFY:
                _freshen(locked)
            else:  # a false post answers every open report on it
                InfoReport.objects.filter(post=locked, status=InfoReportStatus.OPEN).update(
                    status=InfoReportStatus.ACTIONED, decided_by=actor, decided_at=timezone.now()
                )
            audit_record(
                actor=actor,
                action=AuditAction.INFO_VERIFY
                if event == InfoEvent.VERIFY
                else AuditAction.INFO_FALSE,
                target=locked,
                reason=note.strip(),
            )
        return moved


def info_verify(*, post: InfoPost, actor: User, note: str, evidence: str) -> Moved:
    """A verifikator (never the author) marks the post `terverifikasi`, with note and evidence."""
    return _verdict(post, actor, InfoEvent.VERIFY, note, evidence)


def info_mark_false(*, post: InfoPost, actor: User, note: str, evidence: str) -> Moved:
    return _verdict(post, actor, InfoEvent.MARK_FALSE, note, evidence)


def info_renew(*, post: InfoPost, actor: User) -> Moved | None:
    """The author's one-click "masih berlaku": a live post is checked again now; an expired one
    returns to review."""
    if actor.pk != post.author_id:
        raise PermissionDenied
    with transaction.atomic():
        locked = post_lock(post)
        if locked.status in LIVE:
            _freshen(locked)
            return None
        moved = post_move_locked(locked, InfoEvent.RENEW, role=ActorRole.AUTHOR, actor=actor)
        if moved.applied:
            _freshen(locked)
        return moved


def infos_expire(*, now: datetime.datetime | None = None) -> int:
    """The scheduler's sweep: live posts past their freshness become `kedaluwarsa` (history row
    by the system, an audit row with no actor), and their authors are emailed the "masih
    berlaku?" link once (`info.emails`). Returns how many."""
    now = now or timezone.now()
    due = InfoPost.objects.filter(status__in=LIVE, expires_at__lt=now).values_list("pk", flat=True)[
        :500
    ]
    expired = 0
    for pk in due:
        with transaction.atomic():
            locked = InfoPost.objects.select_for_update().get(pk=pk)
            if locked.expires_at >= now:
                continue
            if post_move_locked(
                locked, InfoEvent.EXPIRE, role=ActorRole.SYSTEM, actor=None
            ).applied:
                audit_record(actor=None, action=AuditAction.INFO_EXPIRE, target=locked)
                info_email_queue(post=locked, kind=InfoReminderKind.EXPIRED)
                expired += 1
    return expired
