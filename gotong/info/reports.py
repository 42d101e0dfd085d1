"""Laporkan on help information: anyone signed in reports a post (not their own; one open
report per person and post), a verifikator dismisses the report or declares the post false
from it. Each decision is audited; declaring a post false (here or on its page) answers every
open report on it."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gotong.accounts.models import User
from gotong.accounts.roles import Role, has_role
from gotong.audit.models import AuditAction
from gotong.audit.services import audit_record
from gotong.info.models import InfoPost, InfoReport, InfoReportReason, InfoReportStatus
from gotong.info.services import Moved, info_mark_false, post_lock
from gotong.info.transitions import LIVE


def info_report_create(*, post: InfoPost, reporter: User, reason: str, text: str) -> InfoReport:
    errors = {}
    if reason not in InfoReportReason.values:
        errors["reason"] = _("Pilih alasan laporan.")
    text = text.replace("\x00", "").strip()
    if not 10 <= len(text) <= 2000:
        errors["text"] = _("Jelaskan laporan Anda dalam 10 sampai 2.000 karakter.")
    if reporter.pk == post.author_id:
        errors["__all__"] = _("Ini info Anda sendiri: ubah saja isinya bila ada yang salah.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        locked = post_lock(post)
        if InfoReport.objects.filter(
            post=locked, reporter=reporter, status=InfoReportStatus.OPEN
        ).exists():
            raise ValidationError(
                _("Anda sudah melaporkan info ini. Verifikator sedang memeriksanya.")
            )
        return InfoReport.objects.create(post=locked, reporter=reporter, reason=reason, text=text)


def _open_report(report: InfoReport, actor: User) -> tuple[InfoPost, InfoReport]:
    """The post and the report, locked in that order, for a verifikator who did not write the
    post; the report must still be open."""
    if not has_role(actor, Role.VERIFIER) or actor.pk == report.post.author_id:
        raise PermissionDenied
    post = post_lock(report.post)
    locked = InfoReport.objects.select_for_update().get(pk=report.pk)
    if locked.status != InfoReportStatus.OPEN:
        raise ValidationError(_("Laporan ini sudah diputuskan."))
    return post, locked


def info_report_dismiss(*, report: InfoReport, actor: User, reason: str) -> InfoReport:
    """Close the report without touching the post, with the verifikator's reason."""
    if not reason.strip():
        raise ValidationError({"reason": _("Tuliskan alasan tindakan ini.")})
    with transaction.atomic():
        locked = _open_report(report, actor)[1]
        locked.status = InfoReportStatus.DISMISSED
        locked.decided_by, locked.decided_at = actor, timezone.now()
        locked.save(update_fields=["status", "decided_by", "decided_at"])
        audit_record(
            actor=actor, action=AuditAction.INFO_REPORT_DISMISS, target=locked, reason=reason
        )
        return locked


def info_report_act(*, report: InfoReport, actor: User, note: str, evidence: str) -> Moved:
    """Declare the reported post false (the verdict, with note and evidence, in its public
    history), which answers this report and every other open one on the post."""
    with transaction.atomic():
        post, locked = _open_report(report, actor)
        if post.status not in LIVE:
            raise ValidationError(
                _("Info ini sudah salah atau kedaluwarsa: tutup laporannya tanpa tindakan.")
            )
        moved = info_mark_false(post=post, actor=actor, note=note, evidence=evidence)
        audit_record(
            actor=actor, action=AuditAction.INFO_REPORT_ACTION, target=locked, reason=note.strip()
        )
        return moved
