"""Abuse reports and moderator actions. Every action writes an audit row with its reason;
actions on a campaign are summarised publicly on that campaign."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from gotong.accounts.models import User
from gotong.accounts.roles import Role, has_role
from gotong.audit.models import AuditAction
from gotong.audit.services import audit_record
from gotong.campaigns.models import PUBLIC_STATUSES, Campaign, CampaignStatus
from gotong.moderation.models import AbuseReport, ReportReason, ReportStatus
from gotong.payments.refunds import campaign_refunds_open


def report_create(
    *, campaign: Campaign, reason: str, text: str, reporter: User | None
) -> AbuseReport:
    errors = {}
    if reason not in ReportReason.values:
        errors["reason"] = _("Pilih alasan laporan.")
    if not 10 <= len(text.strip()) <= 2000:
        errors["text"] = _("Jelaskan laporan Anda dalam 10 sampai 2.000 karakter.")
    if campaign.status not in PUBLIC_STATUSES:
        errors["__all__"] = _("Kampanye ini tidak bisa dilaporkan.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        return AbuseReport.objects.create(
            campaign=campaign,
            reason=reason,
            text=text.strip(),
            reporter=reporter if reporter is not None and reporter.is_authenticated else None,
        )


def _require_moderator(actor: User, reason: str) -> None:
    if not has_role(actor, Role.MODERATOR):
        raise PermissionDenied
    if not reason.strip():
        raise ValidationError({"reason": _("Tuliskan alasan tindakan ini.")})


def report_resolve(*, report: AbuseReport, actor: User, action: str, reason: str) -> AbuseReport:
    """`dismiss` or `request_info` on one report."""
    _require_moderator(actor, reason)
    status = {"dismiss": ReportStatus.DISMISSED, "request_info": ReportStatus.INFO_REQUESTED}
    if action not in status:
        raise ValidationError(_("Tindakan tidak dikenal."))
    with transaction.atomic():
        locked = AbuseReport.objects.select_for_update().get(pk=report.pk)
        locked.status = status[action]
        locked.save(update_fields=["status"])
        audit_record(
            actor=actor, action=AuditAction(f"report.{action}"), target=locked, reason=reason
        )
        return locked


def _campaign_action(
    *, campaign: Campaign, reason: str, allowed: tuple[str, ...], to: str
) -> Campaign:
    locked = Campaign.objects.select_for_update().get(pk=campaign.pk)
    if locked.status not in allowed:
        raise ValidationError(_("Tindakan ini tidak berlaku untuk status kampanye sekarang."))
    locked.status, locked.moderation_note = to, reason.strip()
    locked.save(update_fields=["status", "moderation_note", "updated_at"])
    AbuseReport.objects.filter(
        campaign=locked, status__in=[ReportStatus.OPEN, ReportStatus.INFO_REQUESTED]
    ).update(status=ReportStatus.ACTIONED)
    return locked


def campaign_suspend(*, campaign: Campaign, actor: User, reason: str) -> Campaign:
    """No new donations; the page says why. Money already given stays where it is."""
    _require_moderator(actor, reason)
    with transaction.atomic():
        locked = _campaign_action(
            campaign=campaign,
            reason=reason,
            allowed=(CampaignStatus.PUBLISHED, CampaignStatus.ENDED),
            to=CampaignStatus.SUSPENDED,
        )
        audit_record(actor=actor, action=AuditAction.CAMPAIGN_SUSPEND, target=locked, reason=reason)
        return locked


def campaign_close_and_refund(*, campaign: Campaign, actor: User, reason: str) -> Campaign:
    """Close for good and refund every settled donation through the gateway.

    Refused once money has been paid out: what left the platform cannot be refunded from it.
    """
    _require_moderator(actor, reason)
    with transaction.atomic():
        locked = _campaign_action(
            campaign=campaign,
            reason=reason,
            allowed=(CampaignStatus.PUBLISHED, CampaignStatus.ENDED, CampaignStatus.SUSPENDED),
            to=CampaignStatus.CLOSED,
        )
        if locked.paid_out > 0:
            raise ValidationError(
                _(
                    "Dana sudah dicairkan; penutupan dengan pengembalian dana "
                    "perlu ditangani manual."
                )
            )
        refunds = campaign_refunds_open(campaign=locked, reason=reason)
        audit_record(
            actor=actor,
            action=AuditAction.CAMPAIGN_CLOSE_REFUND,
            target=locked,
            reason=reason,
            data={"refunds": len(refunds)},
        )
        return locked
