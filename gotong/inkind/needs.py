"""Writes of needs: post (with its lines), submit, review, close, merge, expire, fulfil.

Every move goes through `_move`, which consults the need table (`transitions.py`) and records
the move, applied or refused, as an `AidEvent`. Lock order for everything in this app: the need
row, then a pledge row, then the line's counters (one F() UPDATE).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gotong.accounts.models import User
from gotong.accounts.roles import Role, has_role
from gotong.audit.models import AuditAction
from gotong.audit.services import audit_record
from gotong.campaigns.models import Campaign, CampaignStatus
from gotong.core.images import photo_process
from gotong.inkind.catalogue import CATALOGUE, MAX_QUANTITY, Item, unit_of
from gotong.inkind.contact import whatsapp_clean
from gotong.inkind.models import AidEvent, EventOutcome, Need, NeedLine, Urgency
from gotong.inkind.rollup import need_moved_add
from gotong.inkind.transitions import NeedEvent, NeedStatus, need_decide
from gotong.regions.models import Region, RegionLevel

DUPLICATE_WINDOW = datetime.timedelta(days=14)
MAX_LINES = 12
PHOTO_MIN_WIDTH, PHOTO_MAX_WIDTH = 320, 1600


@dataclass(frozen=True)
class LineInput:
    item: str
    quantity: int
    item_other: str = ""
    unit: str = ""


@dataclass(frozen=True)
class Moved:
    applied: bool
    status: str
    reason: str = ""


def lines_clean(lines: list[LineInput]) -> list[NeedLine]:
    if not lines:
        raise ValidationError({"lines": _("Tambahkan setidaknya satu barang atau bantuan.")})
    if len(lines) > MAX_LINES:
        raise ValidationError({"lines": _("Paling banyak %(n)d baris.") % {"n": MAX_LINES}})
    rows = []
    for line in lines:
        if line.item not in CATALOGUE:
            raise ValidationError({"lines": _("Pilih barang dari daftar.")})
        if not isinstance(line.quantity, int) or not 0 < line.quantity <= MAX_QUANTITY:
            raise ValidationError(
                {
                    "lines": _("Jumlah harus antara 1 dan %(max)s.")
                    % {"max": f"{MAX_QUANTITY:,}".replace(",", ".")}
                }
            )
        other = line.item_other.strip()[:80]
        if line.item == Item.LAINNYA and not (other and line.unit.strip()):
            raise ValidationError({"lines": _("Untuk 'Lainnya', tulis nama barang dan satuannya.")})
        rows.append(
            NeedLine(
                item=line.item,
                item_other=other if line.item == Item.LAINNYA else "",
                unit=unit_of(line.item, line.unit.strip()[:24]),
                quantity=line.quantity,
            )
        )
    return rows


def need_create(
    *,
    poster: User,
    region_code: str,
    place_detail: str,
    contact_whatsapp: str,
    title: str,
    story: str,
    people_served: int,
    needed_by: datetime.date,
    urgency: str = Urgency.NORMAL,
    lines: list[LineInput],
    photo=None,
) -> Need:
    """A draft need of a desa/kelurahan with its item lines; nothing is written on bad input."""
    region = Region.objects.filter(code=region_code).first()
    if region is None or region.level != RegionLevel.VILLAGE:
        raise ValidationError({"region": _("Pilih desa/kelurahan yang dikenal.")})
    if not place_detail.strip():
        raise ValidationError({"place_detail": _("Tulis RT/RW atau patokan tempatnya.")})
    if not title.strip():
        raise ValidationError({"title": _("Beri judul kebutuhan ini.")})
    if not 1 <= people_served <= 10_000_000:
        raise ValidationError(
            {"people_served": _("Tulis berapa orang yang terbantu (1 atau lebih).")}
        )
    if needed_by < timezone.localdate():
        raise ValidationError({"needed_by": _("Tanggal dibutuhkan tidak boleh di masa lalu.")})
    if urgency not in Urgency.values:
        raise ValidationError({"urgency": _("Pilih tingkat kedaruratan.")})
    rows = lines_clean(lines)
    phone = whatsapp_clean(contact_whatsapp, field="contact_whatsapp")
    checked = None
    if photo:
        try:
            checked = photo_process(photo, min_width=PHOTO_MIN_WIDTH, max_width=PHOTO_MAX_WIDTH)
        except ValidationError as exc:
            raise ValidationError({"photo": exc.messages}) from exc
    with transaction.atomic():
        need = Need.objects.create(
            poster=poster,
            region=region,
            place_detail=place_detail.strip()[:200],
            contact_whatsapp=phone,
            title=title.strip()[:120],
            story=story.strip()[:5000],
            people_served=people_served,
            needed_by=needed_by,
            urgency=urgency,
            possible_duplicate_of=_duplicate_of(region=region, rows=rows),
        )
        if checked is not None:
            need.photo.save(checked.name, checked, save=True)
        for row in rows:
            row.need = need
        NeedLine.objects.bulk_create(rows)
    return need


def _duplicate_of(*, region: Region, rows: list[NeedLine]) -> Need | None:
    """An earlier live need of the same desa, posted within 14 days, asking for the same items."""
    items = {row.item for row in rows}
    since = timezone.now() - DUPLICATE_WINDOW
    candidates = (
        Need.objects.filter(region=region, created_at__gte=since)
        .exclude(status__in=[NeedStatus.CLOSED, NeedStatus.EXPIRED])
        .prefetch_related("lines")
        .order_by("created_at")
    )
    for earlier in candidates:
        if {line.item for line in earlier.lines.all()} == items:
            return earlier
    return None


def _locked(need: Need) -> Need:
    return Need.objects.select_for_update().get(pk=need.pk)


def _move(need: Need, event: str, *, actor: User | None, reason: str = "") -> Moved:
    """Apply `event` to a need the caller holds locked, by the table; record it either way."""
    decision = need_decide(status=need.status, event=event)
    recorded = AidEvent.record(
        need=need,
        event=event,
        from_status=need.status,
        decision=decision,
        actor=actor,
        reason=reason,
    )
    if not decision.allowed:
        return Moved(False, need.status, decision.reason)
    fields = ["status"]
    need.status = decision.to
    opened = decision.to == NeedStatus.OPEN and need.opened_at is None
    if opened:
        need.opened_at = timezone.now()
        fields.append("opened_at")
    need.save(update_fields=fields)
    need_moved_add(need=need, to=decision.to, opened=opened, at=recorded.created_at)
    return Moved(True, need.status)


def _trusted(poster: User) -> bool:
    """A person with a need a moderator approved before posts without review."""
    return AidEvent.objects.filter(
        need__poster=poster, event=NeedEvent.APPROVE, outcome=EventOutcome.APPLIED
    ).exists()


def need_submit(*, need: Need, actor: User) -> Moved:
    """The poster sends a draft out: to review for a first post, straight to open after one
    was approved (unless it looks like a duplicate, which a moderator sees first)."""
    if actor.pk != need.poster_id:
        raise PermissionDenied
    with transaction.atomic():
        locked = _locked(need)
        event = (
            NeedEvent.PUBLISH
            if _trusted(actor) and locked.possible_duplicate_of_id is None
            else NeedEvent.SUBMIT
        )
        return _move(locked, event, actor=actor)


def _require_moderator(actor: User, need: Need) -> None:
    if not has_role(actor, Role.MODERATOR) or actor.pk == need.poster_id:
        raise PermissionDenied


def need_approve(*, need: Need, actor: User, reason: str = "") -> Moved:
    _require_moderator(actor, need)
    with transaction.atomic():
        locked = _locked(need)
        moved = _move(locked, NeedEvent.APPROVE, actor=actor, reason=reason)
        if moved.applied:
            locked.review_note = ""
            locked.save(update_fields=["review_note"])
            audit_record(actor=actor, action=AuditAction.NEED_APPROVE, target=locked, reason=reason)
        return moved


def need_reject(*, need: Need, actor: User, reason: str) -> Moved:
    _require_moderator(actor, need)
    if not reason.strip():
        raise ValidationError({"reason": _("Tuliskan alasannya untuk pengaju.")})
    with transaction.atomic():
        locked = _locked(need)
        moved = _move(locked, NeedEvent.REJECT, actor=actor, reason=reason.strip())
        if moved.applied:
            locked.review_note = reason.strip()
            locked.save(update_fields=["review_note"])
            audit_record(actor=actor, action=AuditAction.NEED_REJECT, target=locked, reason=reason)
        return moved


def need_close(*, need: Need, actor: User, reason: str = "") -> Moved:
    """The poster closes their need, or a moderator closes anyone's (audited)."""
    moderator = has_role(actor, Role.MODERATOR) and actor.pk != need.poster_id
    if actor.pk != need.poster_id and not moderator:
        raise PermissionDenied
    with transaction.atomic():
        locked = _locked(need)
        moved = _move(locked, NeedEvent.CLOSE, actor=actor, reason=reason)
        if moved.applied and moderator:
            audit_record(actor=actor, action=AuditAction.NEED_CLOSE, target=locked, reason=reason)
        return moved


def need_merge(*, need: Need, into: Need, actor: User, reason: str = "") -> Moved:
    """A moderator closes a duplicate and points it at the original."""
    _require_moderator(actor, need)
    if into.pk == need.pk or into.region_id != need.region_id:
        raise ValidationError(_("Hanya bisa digabung dengan kebutuhan lain di desa yang sama."))
    with transaction.atomic():
        first, second = sorted([need, into], key=lambda n: n.pk)
        locked = {n.pk: _locked(n) for n in (first, second)}[need.pk]
        moved = _move(locked, NeedEvent.MERGE, actor=actor, reason=reason)
        if moved.applied:
            locked.merged_into = into
            locked.save(update_fields=["merged_into"])
            audit_record(
                actor=actor,
                action=AuditAction.NEED_MERGE,
                target=locked,
                reason=reason,
                data={"into": into.pk},
            )
        return moved


def need_fulfilment_check(*, need: Need, actor: User | None) -> Moved | None:
    """After a line's delivered count moved, in the caller's transaction with the need
    locked: fulfil an open need whose lines are all delivered, reopen a fulfilled one that no
    longer is. None when nothing changes."""
    lines = list(NeedLine.objects.filter(need=need).values_list("quantity", "delivered"))
    complete = bool(lines) and all(delivered >= quantity for quantity, delivered in lines)
    if complete and need.status == NeedStatus.OPEN:
        return _move(need, NeedEvent.FULFIL, actor=actor)
    if not complete and need.status == NeedStatus.FULFILLED:
        return _move(need, NeedEvent.REOPEN, actor=actor)
    return None


def needs_expire(*, today: datetime.date | None = None) -> int:
    """The scheduler's sweep: open needs whose date has passed expire (an audit row each, no
    actor). Returns how many."""
    today = today or timezone.localdate()
    expired = 0
    for pk in Need.objects.filter(status=NeedStatus.OPEN, needed_by__lt=today).values_list(
        "pk", flat=True
    )[:500]:
        with transaction.atomic():
            locked = Need.objects.select_for_update().get(pk=pk)
            if _move(locked, NeedEvent.EXPIRE, actor=None).applied:
                audit_record(actor=None, action=AuditAction.NEED_EXPIRE, target=locked)
                expired += 1
    return expired


def need_campaign_link(*, need: Need, campaign: Campaign | None, actor: User) -> Need:
    """Let a need be met by money too: link it to a published campaign of the same person (or,
    for a moderator, anyone's), or unlink it with None."""
    moderator = has_role(actor, Role.MODERATOR) and actor.pk != need.poster_id
    if actor.pk != need.poster_id and not moderator:
        raise PermissionDenied
    if campaign is not None:
        if campaign.status != CampaignStatus.PUBLISHED:
            raise ValidationError({"campaign": _("Hanya kampanye yang terbit bisa ditautkan.")})
        if campaign.owner_id != need.poster_id and not moderator:
            raise PermissionDenied
    with transaction.atomic():
        locked = _locked(need)
        locked.campaign = campaign
        locked.save(update_fields=["campaign"])
        if moderator:
            audit_record(
                actor=actor,
                action=AuditAction.NEED_CAMPAIGN_LINK,
                target=locked,
                data={"campaign": campaign.pk if campaign else None},
            )
        return locked
