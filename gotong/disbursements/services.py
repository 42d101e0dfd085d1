"""Pencairan dana. Four eyes: finance staff decide, and never on a request they made.

Lock order, as on the donation path: disbursement row → ledger accounts by id → campaign row
(the last two inside `ledger.movements.movement_record`).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from gotong.accounts.models import User
from gotong.accounts.roles import Role, has_role
from gotong.audit.models import AuditAction
from gotong.audit.services import audit_record
from gotong.campaigns.models import Campaign, CampaignStatus, Category
from gotong.core.images import photo_or_pdf_process
from gotong.core.money import rupiah
from gotong.disbursements.banks import BY_CODE, account_number_normalise
from gotong.disbursements.models import (
    Disbursement,
    DisbursementStatus,
    UsageReceipt,
    UsageReport,
)
from gotong.disbursements.selectors import disbursements_overdue
from gotong.donations.services import clearing_account
from gotong.ledger.models import EntryKind
from gotong.ledger.movements import (
    CountersRow,
    InsufficientFunds,
    Line,
    campaign_accounts,
    movement_record,
)
from gotong.notifications.models import NoticeKind
from gotong.notifications.notices import notice_record
from gotong.verification.selectors import user_is_verified

OPEN_STATUSES = (DisbursementStatus.REQUESTED, DisbursementStatus.APPROVED)


@dataclass(frozen=True)
class BankAccount:
    bank_code: str  # a kode bank from gotong/disbursements/banks.py
    account_number: str  # as typed: spaces, dots and dashes are dropped
    account_holder: str
    is_hospital: bool = False


def _reserved(campaign: Campaign) -> int:
    """Amount already requested or approved but not yet paid."""
    total = Disbursement.objects.filter(campaign=campaign, status__in=OPEN_STATUSES).aggregate(
        s=Sum("amount")
    )["s"]
    return int(total or 0)


def disbursement_request(
    *, campaign: Campaign, actor: User, amount: int, bank: BankAccount, purpose: str
) -> Disbursement:
    if campaign.owner_id != actor.pk:
        raise PermissionDenied
    errors: dict[str, object] = {}
    if bank.bank_code not in BY_CODE:
        errors["bank_code"] = _("Pilih bank tujuan dari daftar.")
    try:
        account_number = account_number_normalise(bank.account_number)
    except ValidationError as exc:
        errors["account_number"] = exc
    if not bank.account_holder.strip():
        errors["account_holder"] = _("Isi nama pemilik rekening.")
    if not purpose.strip():
        errors["purpose"] = _("Tuliskan keperluan dana sesuai rencana penggunaan.")
    if errors:
        raise ValidationError(errors)
    if not user_is_verified(user=actor) and not (
        campaign.category == Category.MEDIS and bank.is_hospital
    ):
        raise ValidationError(
            _(
                "Verifikasi identitas Anda dulu. Tanpa verifikasi, pencairan hanya untuk kampanye "
                "medis langsung ke rekening rumah sakit."
            )
        )
    with transaction.atomic():
        locked = Campaign.objects.select_for_update().get(pk=campaign.pk)
        if locked.status not in (CampaignStatus.PUBLISHED, CampaignStatus.ENDED):
            raise ValidationError(_("Pencairan hanya untuk kampanye yang sudah terbit."))
        if disbursements_overdue(campaign=locked):
            raise ValidationError(
                _("Laporan penggunaan dana sebelumnya terlambat. Terbitkan laporan itu dulu.")
            )
        free = locked.available - _reserved(locked)
        if not 0 < amount <= free:
            raise ValidationError(
                {"amount": _("Nominal harus antara Rp 1 dan %(free)s.") % {"free": rupiah(free)}}
            )
        return Disbursement.objects.create(
            campaign=locked,
            amount=amount,
            bank_code=bank.bank_code,
            account_number=account_number,
            account_holder=bank.account_holder.strip(),
            purpose=purpose.strip(),
            to_hospital=bank.is_hospital,
            requested_by=actor,
        )


def _require_finance(actor: User, disbursement: Disbursement) -> None:
    if not has_role(actor, Role.FINANCE):
        raise PermissionDenied
    if actor.pk in (disbursement.requested_by_id, disbursement.campaign.owner_id):
        raise PermissionDenied(_("Pencairan tidak boleh diputuskan oleh pengajunya sendiri."))


def _locked(disbursement: Disbursement, expected: DisbursementStatus) -> Disbursement:
    # Lock the disbursement row only: a join under FOR UPDATE would also lock the campaign row
    # (on PostgreSQL) before the ledger accounts, the reverse of settlement's order.
    locked = (
        Disbursement.objects.select_for_update(of=("self",))
        .select_related("campaign")
        .get(pk=disbursement.pk)
    )
    if locked.status != expected:
        raise ValidationError(
            _("Pencairan ini berstatus %(status)s.") % {"status": locked.get_status_display()}
        )
    return locked


def _notify(disbursement: Disbursement, kind: NoticeKind) -> None:
    """Tell the campaign's owner, in the decision's transaction (emailed after commit)."""
    notice_record(
        user=disbursement.campaign.owner,
        kind=kind,
        key=f"disbursement:{disbursement.pk}:{kind}",
        url_name="disbursements:campaign",
        url_args=(disbursement.campaign.slug,),
        campaign=disbursement.campaign,
        amount=disbursement.amount,
        note=disbursement.decision_reason if kind == NoticeKind.DISBURSEMENT_APPROVED else "",
    )


def _decide(
    disbursement: Disbursement, actor: User, to: DisbursementStatus, reason: str
) -> Disbursement:
    """Finance's decision on a request, with its audit row (caller checked the actor)."""
    with transaction.atomic():
        locked = _locked(disbursement, DisbursementStatus.REQUESTED)
        locked.status, locked.decided_by, locked.decided_at = to, actor, timezone.now()
        locked.decision_reason = reason.strip()
        locked.save(update_fields=["status", "decided_by", "decided_at", "decision_reason"])
        action = "approve" if to == DisbursementStatus.APPROVED else "reject"
        audit_record(
            actor=actor,
            action=AuditAction(f"disbursement.{action}"),
            target=locked,
            reason=reason,
        )
        if to == DisbursementStatus.APPROVED:
            _notify(locked, NoticeKind.DISBURSEMENT_APPROVED)
        return locked


def disbursement_approve(
    *, disbursement: Disbursement, actor: User, reason: str = ""
) -> Disbursement:
    _require_finance(actor, disbursement)
    return _decide(disbursement, actor, DisbursementStatus.APPROVED, reason)


def disbursement_reject(*, disbursement: Disbursement, actor: User, reason: str) -> Disbursement:
    _require_finance(actor, disbursement)
    if not reason.strip():
        raise ValidationError({"reason": _("Tuliskan alasan penolakan.")})
    return _decide(disbursement, actor, DisbursementStatus.REJECTED, reason)


def disbursement_mark_paid(
    *, disbursement: Disbursement, actor: User, transfer_reference: str
) -> Disbursement:
    """Record the bank transfer: campaign funds → clearing, in the ledger, with the counter."""
    _require_finance(actor, disbursement)
    if not transfer_reference.strip():
        raise ValidationError({"transfer_reference": _("Isi nomor referensi transfer bank.")})
    with transaction.atomic():
        locked = _locked(disbursement, DisbursementStatus.APPROVED)
        campaign_id = locked.campaign_id
        try:
            movement_record(
                lines=[
                    Line(
                        kind=EntryKind.DISBURSEMENT_PAID,
                        amount=locked.amount,
                        idempotency_key=f"disbursement:{locked.pk}:paid",
                        memo_value=locked.purpose,
                    )
                ],
                # Paid from the foundation's account: the default gateway's clearing account.
                accounts=campaign_accounts(
                    campaign_id=campaign_id,
                    clearing=clearing_account(
                        gateway=settings.PAYMENT_GATEWAYS[0], campaign_id=campaign_id
                    ),
                ),
                counters_on=CountersRow(model=Campaign, pk=campaign_id),
                campaign_id=campaign_id,
            )
        except InsufficientFunds as exc:
            raise ValidationError(_("Dana tersedia tidak cukup untuk pencairan ini.")) from exc
        locked.status, locked.paid_by, locked.paid_at = (
            DisbursementStatus.PAID,
            actor,
            timezone.now(),
        )
        locked.transfer_reference = transfer_reference.strip()
        locked.save(update_fields=["status", "paid_by", "paid_at", "transfer_reference"])
        audit_record(
            actor=actor,
            action=AuditAction.DISBURSEMENT_PAID,
            target=locked,
            data={"amount": locked.amount, "transfer_reference": locked.transfer_reference},
        )
        _notify(locked, NoticeKind.DISBURSEMENT_PAID)
        return locked


def usage_report_publish(
    *, disbursement: Disbursement, actor: User, text: str, receipts: list[UploadedFile]
) -> UsageReport:
    if disbursement.campaign.owner_id != actor.pk:
        raise PermissionDenied
    errors: dict[str, list[str]] = {}
    if len(text.strip()) < 30:
        errors["text"] = [_("Ceritakan penggunaan dana minimal 30 karakter.")]
    if not receipts:
        errors["receipts"] = [_("Lampirkan minimal satu bukti (foto nota atau PDF).")]
    processed = []
    for upload in receipts:
        try:
            processed.append(photo_or_pdf_process(upload))
        except ValidationError as exc:
            errors.setdefault("receipts", []).extend(exc.messages)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        locked = Disbursement.objects.select_for_update().get(pk=disbursement.pk)
        if locked.status != DisbursementStatus.PAID:
            raise ValidationError(_("Laporan hanya untuk pencairan yang sudah dibayarkan."))
        if UsageReport.objects.filter(disbursement=locked).exists():
            raise ValidationError(_("Laporan untuk pencairan ini sudah ada."))
        report = UsageReport.objects.create(disbursement=locked, text=text.strip())
        for content, content_type in processed:
            receipt = UsageReceipt(report=report, content_type=content_type)
            receipt.file.save(content.name or "receipt", content, save=False)
            receipt.save()
        # The campaign page shows the report: a new updated_at tells the page cache so.
        Campaign.objects.filter(pk=locked.campaign_id).update(updated_at=timezone.now())
        return report
