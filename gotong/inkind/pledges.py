"""Writes of pledges: pledge a quantity of a need line (or ask an offer for one), accept,
decline, withdraw, deliver, confirm with the handover code, dispute, resolve, lapse; and the
audited reveal of the other person's contact once matched.

Each move consults the pledge table (`transitions.py`) in `_move`, which also moves the line's
counters: a pledge holds its quantity as `pledged` while in `HOLDS`, and adds it to `delivered`
when confirmed. Lock order: the need row, then the pledge row, then the line (F() UPDATE).
"""

from __future__ import annotations

import datetime
import hmac
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from gotong.accounts.models import User
from gotong.accounts.roles import Role, has_role
from gotong.audit.models import AuditAction
from gotong.audit.services import audit_record
from gotong.core.images import photo_process
from gotong.inkind.catalogue import MAX_QUANTITY
from gotong.inkind.contact import whatsapp_clean
from gotong.inkind.emails import confirm_token_valid, pledge_email_queue
from gotong.inkind.models import (
    AidEvent,
    EventOutcome,
    Need,
    NeedLine,
    Offer,
    OfferStatus,
    Pledge,
    PledgeEmailKind,
    ProposedBy,
)
from gotong.inkind.needs import Moved, need_fulfilment_check
from gotong.inkind.rollup import pledge_made_add, pledge_moved_add
from gotong.inkind.transitions import (
    HOLDS,
    MATCHED,
    NeedStatus,
    PledgeEvent,
    PledgeStatus,
    pledge_decide,
)

MAX_OPEN_PLEDGES = 10  # per person, in HOLDS but not yet confirmed
MAX_CODE_ATTEMPTS = 5
LAPSE_GRACE = datetime.timedelta(days=1)
PHOTO_MIN_WIDTH, PHOTO_MAX_WIDTH = 320, 1600
OPEN_STATUSES = HOLDS - {PledgeStatus.CONFIRMED}
# The moves that email the other person.
EMAILED = {
    PledgeStatus.ACCEPTED.value: PledgeEmailKind.ACCEPTED,
    PledgeStatus.DELIVERED.value: PledgeEmailKind.DELIVERED,
}


def pledge_create(
    *,
    actor: User,
    line: NeedLine,
    quantity: int,
    deliver_by: datetime.date,
    whatsapp: str = "",
    note: str = "",
    offer: Offer | None = None,
) -> Pledge:
    """`actor` pledges `quantity` of `line`: a helper for themselves, or the need's poster
    asking an open offer (then the offer's owner is the helper, and accepts). Never more than
    the line's unpledged rest, however many pledge at once."""
    need = line.need
    if offer is None:
        helper, proposed_by = actor, ProposedBy.HELPER
        if actor.pk == need.poster_id:
            raise ValidationError(_("Anda tidak bisa menjanjikan bantuan untuk kebutuhan sendiri."))
        phone = whatsapp_clean(whatsapp, field="whatsapp")
    else:
        if actor.pk != need.poster_id or offer.status != OfferStatus.OPEN:
            raise PermissionDenied
        helper, proposed_by, phone = offer.owner, ProposedBy.RECIPIENT, offer.contact_whatsapp
    if not isinstance(quantity, int) or not 0 < quantity <= MAX_QUANTITY:
        raise ValidationError({"quantity": _("Jumlah harus 1 atau lebih.")})
    today = timezone.localdate()
    if deliver_by < today:
        raise ValidationError({"deliver_by": _("Tanggal antar tidak boleh di masa lalu.")})
    if deliver_by > today + datetime.timedelta(days=90):
        raise ValidationError({"deliver_by": _("Tanggal antar paling lambat 90 hari lagi.")})
    with transaction.atomic():
        locked_need = Need.objects.select_for_update().get(pk=need.pk)
        if locked_need.status != NeedStatus.OPEN:
            raise ValidationError(_("Kebutuhan ini tidak lagi menerima janji bantuan."))
        if (
            Pledge.objects.filter(helper=helper, status__in=OPEN_STATUSES).count()
            >= MAX_OPEN_PLEDGES
        ):
            raise ValidationError(
                _("Paling banyak %(n)d janji bantuan yang belum selesai per orang.")
                % {"n": MAX_OPEN_PLEDGES}
            )
        held = NeedLine.objects.filter(
            pk=line.pk, need=locked_need, pledged__lte=F("quantity") - quantity
        ).update(pledged=F("pledged") + quantity)
        if not held:
            rest = NeedLine.objects.get(pk=line.pk).remaining
            raise ValidationError(
                {"quantity": _("Yang belum dijanjikan tinggal %(rest)d.") % {"rest": rest}}
            )
        pledge = Pledge.objects.create(
            line=line,
            helper=helper,
            offer=offer,
            proposed_by=proposed_by,
            quantity=quantity,
            deliver_by=deliver_by,
            helper_whatsapp=phone,
            note=note.strip()[:500],
        )
        AidEvent.objects.create(
            need=locked_need,
            pledge=pledge,
            event="propose",
            from_status="",
            to_status=PledgeStatus.PROPOSED,
            outcome=EventOutcome.APPLIED,
            actor=actor,
        )
        pledge_made_add(pledge=pledge, item=line.item, need=locked_need)
        pledge_email_queue(pledge=pledge, kind=PledgeEmailKind.PROPOSED)
    return pledge


def _move(need: Need, pledge: Pledge, event: str, *, actor: User | None, reason: str = "") -> Moved:
    """Apply `event` to a pledge whose need and row the caller holds locked; move the line's
    counters by what the change of status means; record the move either way."""
    decision = pledge_decide(status=pledge.status, event=event)
    recorded = AidEvent.record(
        need=need,
        pledge=pledge,
        event=event,
        from_status=pledge.status,
        decision=decision,
        actor=actor,
        reason=reason,
    )
    if not decision.allowed:
        return Moved(False, pledge.status, decision.reason)
    before, now = pledge.status, timezone.now()
    pledge.status = decision.to
    stamp = {
        PledgeStatus.ACCEPTED.value: "accepted_at",
        PledgeStatus.DELIVERED.value: "delivered_at",
        PledgeStatus.CONFIRMED.value: "confirmed_at",
    }.get(decision.to)
    fields = ["status"]
    if stamp:
        setattr(pledge, stamp, now)
        fields.append(stamp)
    pledge.save(update_fields=fields)
    counters = {}
    if before in HOLDS and decision.to not in HOLDS:
        counters["pledged"] = F("pledged") - pledge.quantity
    if decision.to == PledgeStatus.CONFIRMED:
        counters["delivered"] = F("delivered") + pledge.quantity
    if counters:
        NeedLine.objects.filter(pk=pledge.line_id).update(**counters)
    if "delivered" in counters:
        need_fulfilment_check(need=need, actor=actor)
    # After the need's rows (a fulfilment writes every item's), so the locks come in one order.
    pledge_moved_add(
        pledge=pledge,
        item=pledge.line.item,
        need=need,
        before=before,
        at=now if decision.to == PledgeStatus.CONFIRMED else recorded.created_at,
    )
    if decision.to in EMAILED:
        pledge_email_queue(pledge=pledge, kind=EMAILED[decision.to])
    return Moved(True, pledge.status)


def _locked(pledge: Pledge) -> tuple[Need, Pledge]:
    need = Need.objects.select_for_update().get(pk=pledge.line.need_id)
    return need, Pledge.objects.select_for_update().get(pk=pledge.pk)


def _side(actor: User, need: Need, pledge: Pledge) -> str | None:
    if actor.pk == pledge.helper_id:
        return ProposedBy.HELPER
    if actor.pk == need.poster_id:
        return ProposedBy.RECIPIENT
    return None


def _answer(pledge: Pledge, actor: User, event: str) -> Moved:
    """Accept or decline: the side that did not propose answers."""
    with transaction.atomic():
        need, locked = _locked(pledge)
        side = _side(actor, need, locked)
        if side is None or side == locked.proposed_by:
            raise PermissionDenied
        return _move(need, locked, event, actor=actor)


def pledge_accept(*, pledge: Pledge, actor: User) -> Moved:
    return _answer(pledge, actor, PledgeEvent.ACCEPT)


def pledge_decline(*, pledge: Pledge, actor: User) -> Moved:
    return _answer(pledge, actor, PledgeEvent.DECLINE)


def pledge_withdraw(*, pledge: Pledge, actor: User, reason: str = "") -> Moved:
    with transaction.atomic():
        need, locked = _locked(pledge)
        if _side(actor, need, locked) is None:
            raise PermissionDenied
        return _move(need, locked, PledgeEvent.WITHDRAW, actor=actor, reason=reason)


def pledge_deliver(*, pledge: Pledge, actor: User, photo) -> Moved:
    """The helper marks the goods handed over, with a photo. It counts once the recipient
    confirms it with the handover code the helper gave them."""
    if not photo:
        raise ValidationError({"photo": _("Lampirkan foto serah terima.")})
    try:
        # Re-encoded without metadata: a phone photo's EXIF carries where it was taken.
        checked = photo_process(photo, min_width=PHOTO_MIN_WIDTH, max_width=PHOTO_MAX_WIDTH)
    except ValidationError as exc:
        raise ValidationError({"photo": exc.messages}) from exc
    with transaction.atomic():
        need, locked = _locked(pledge)
        if actor.pk != locked.helper_id:
            raise PermissionDenied
        moved = _move(need, locked, PledgeEvent.DELIVER, actor=actor)
        if moved.applied:
            locked.delivery_photo.save(checked.name, checked, save=False)
            locked.save(update_fields=["delivery_photo"])
    return moved


def handover_code(pledge: Pledge) -> str:
    """The 6-digit handover code of an accepted pledge: derived, never stored, so nobody
    reading the database can confirm a delivery. The helper sees it and gives it to the
    recipient at handover; the recipient entering it confirms the delivery."""
    if pledge.accepted_at is None:
        raise ValueError("a pledge has a handover code once accepted")
    digest = salted_hmac(
        "gotong.inkind.handover", f"{pledge.pk}:{pledge.accepted_at.isoformat()}"
    ).hexdigest()
    return f"{int(digest, 16) % 1_000_000:06d}"


def pledge_confirm(*, pledge: Pledge, actor: User, code: str) -> Moved:
    """The recipient confirms receipt with the handover code the helper gave them. Wrong
    codes are counted; after five, only a dispute settles it."""
    with transaction.atomic():
        need, locked = _locked(pledge)
        if _side(actor, need, locked) != ProposedBy.RECIPIENT:
            raise PermissionDenied
        if locked.status not in (PledgeStatus.ACCEPTED, PledgeStatus.DELIVERED):
            return _move(need, locked, PledgeEvent.CONFIRM, actor=actor)
        if locked.code_attempts >= MAX_CODE_ATTEMPTS:
            raise ValidationError(
                {"code": _("Terlalu banyak kode salah. Laporkan masalah pada janji ini.")}
            )
        if not hmac.compare_digest(handover_code(locked), (code or "").strip()[:12]):
            Pledge.objects.filter(pk=locked.pk).update(code_attempts=F("code_attempts") + 1)
            wrong = True
        else:
            wrong = False
            moved = _move(need, locked, PledgeEvent.CONFIRM, actor=actor)
    if wrong:
        # The attempt is counted (committed) before the error is shown.
        raise ValidationError({"code": _("Kode serah terima salah.")})
    return moved


def pledge_confirm_by_link(*, pledge: Pledge, token: str) -> Moved:
    """The recipient confirms receipt from the link emailed to them when the helper marked the
    goods handed over: the link stands for the recipient, as the code does."""
    with transaction.atomic():
        need, locked = _locked(pledge)
        if not confirm_token_valid(locked, token):
            raise PermissionDenied
        return _move(need, locked, PledgeEvent.CONFIRM, actor=need.poster, reason="tautan email")


def pledge_dispute(*, pledge: Pledge, actor: User, reason: str) -> Moved:
    if not reason.strip():
        raise ValidationError({"reason": _("Ceritakan apa masalahnya.")})
    with transaction.atomic():
        need, locked = _locked(pledge)
        if _side(actor, need, locked) is None:
            raise PermissionDenied
        return _move(need, locked, PledgeEvent.DISPUTE, actor=actor, reason=reason.strip())


def pledge_resolve(*, pledge: Pledge, actor: User, delivered: bool, reason: str) -> Moved:
    """A moderator who is neither side decides a dispute: delivered (counts) or cancelled
    (frees the quantity). Audited."""
    if not reason.strip():
        raise ValidationError({"reason": _("Tuliskan dasar keputusan.")})
    with transaction.atomic():
        need, locked = _locked(pledge)
        if not has_role(actor, Role.MODERATOR) or _side(actor, need, locked) is not None:
            raise PermissionDenied
        event = PledgeEvent.RESOLVE_DELIVERED if delivered else PledgeEvent.RESOLVE_CANCELLED
        moved = _move(need, locked, event, actor=actor, reason=reason.strip())
        if moved.applied:
            audit_record(
                actor=actor,
                action=AuditAction.PLEDGE_RESOLVE,
                target=locked,
                reason=reason.strip(),
                data={"to": moved.status},
            )
        return moved


def pledges_lapse(*, today: datetime.date | None = None) -> int:
    """The scheduler's sweep: pledges not delivered a day after their date lapse and free
    their quantity (an audit row each, no actor). Returns how many."""
    cutoff = (today or timezone.localdate()) - LAPSE_GRACE
    due = Pledge.objects.filter(
        status__in=[PledgeStatus.PROPOSED, PledgeStatus.ACCEPTED], deliver_by__lt=cutoff
    ).values_list("pk", flat=True)[:500]
    lapsed = 0
    for pk in due:
        with transaction.atomic():
            need, locked = _locked(Pledge.objects.select_related("line").get(pk=pk))
            if _move(need, locked, PledgeEvent.LAPSE, actor=None).applied:
                audit_record(actor=None, action=AuditAction.PLEDGE_LAPSE, target=locked)
                lapsed += 1
    return lapsed


@dataclass(frozen=True)
class Contact:
    whatsapp: str
    place_detail: str = ""  # the exact place, for the helper

    @property
    def wa_link(self) -> str:
        return f"https://wa.me/{self.whatsapp}"


def pledge_contact_reveal(*, pledge: Pledge, viewer: User) -> Contact | None:
    """The other person's WhatsApp (and, for the helper, the exact place) once the pledge is
    matched; None before, or for anyone else. Each reveal leaves an audit row."""
    need = pledge.line.need
    side = _side(viewer, need, pledge)
    if side is None or pledge.status not in MATCHED:
        return None
    contact = (
        Contact(need.contact_whatsapp, need.place_detail)
        if side == ProposedBy.HELPER
        else Contact(pledge.helper_whatsapp)
    )
    audit_record(
        actor=viewer,
        action=AuditAction.CONTACT_REVEAL,
        target=pledge,
        data={"side": side},
    )
    return contact
