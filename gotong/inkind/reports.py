"""Laporkan on needs and offers: anyone reports, a moderator dismisses the report or closes
what it is about; each decision is audited."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from gotong.accounts.models import User
from gotong.accounts.roles import Role, has_role
from gotong.audit.models import AuditAction
from gotong.audit.services import audit_record
from gotong.inkind.models import (
    AidReport,
    AidReportReason,
    AidReportStatus,
    Need,
    Offer,
    OfferStatus,
)
from gotong.inkind.needs import need_close
from gotong.inkind.transitions import PUBLIC_NEED


def aid_report_create(
    *,
    need: Need | None = None,
    offer: Offer | None = None,
    reason: str,
    text: str,
    reporter: User | None,
) -> AidReport:
    errors = {}
    if reason not in AidReportReason.values:
        errors["reason"] = _("Pilih alasan laporan.")
    if not 10 <= len(text.strip()) <= 2000:
        errors["text"] = _("Jelaskan laporan Anda dalam 10 sampai 2.000 karakter.")
    if (need is None) == (offer is None):
        raise ValueError("a report is about one need or one offer")
    if need is not None and need.status not in PUBLIC_NEED:
        errors["__all__"] = _("Kebutuhan ini tidak bisa dilaporkan.")
    if errors:
        raise ValidationError(errors)
    return AidReport.objects.create(
        need=need,
        offer=offer,
        reason=reason,
        text=text.strip(),
        reporter=reporter if reporter is not None and reporter.is_authenticated else None,
    )


def aid_report_resolve(*, report: AidReport, actor: User, close: bool, reason: str) -> AidReport:
    """Dismiss the report, or close the need or offer it is about (and mark it actioned)."""
    if not has_role(actor, Role.MODERATOR):
        raise PermissionDenied
    if not reason.strip():
        raise ValidationError({"reason": _("Tuliskan alasan tindakan ini.")})
    with transaction.atomic():
        locked = AidReport.objects.select_for_update().get(pk=report.pk)
        if locked.status != AidReportStatus.OPEN:
            raise ValidationError(_("Laporan ini sudah diputuskan."))
        if close and locked.need is not None:
            need_close(need=locked.need, actor=actor, reason=reason)
        elif close and locked.offer is not None:
            Offer.objects.filter(pk=locked.offer.pk).update(status=OfferStatus.CLOSED)
            audit_record(
                actor=actor, action=AuditAction.OFFER_CLOSE, target=locked.offer, reason=reason
            )
        locked.status = AidReportStatus.ACTIONED if close else AidReportStatus.DISMISSED
        locked.save(update_fields=["status"])
        audit_record(
            actor=actor,
            action=AuditAction.AID_REPORT_ACTION if close else AuditAction.AID_REPORT_DISMISS,
            target=locked,
            reason=reason,
        )
        return locked
