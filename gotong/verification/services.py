"""Campaigner verification (KYC): submit documents, a moderator decides with a reason."""

from __future__ import annotations

import re

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gotong.accounts.models import User
from gotong.accounts.roles import Role, has_role
from gotong.audit.models import AuditAction
from gotong.audit.services import audit_record
from gotong.core.images import photo_process
from gotong.notifications.models import NoticeKind
from gotong.notifications.notices import notice_record
from gotong.verification.models import CampaignerVerification, VerificationStatus

PHONE_RE = re.compile(r"^(\+62|62|0)8[1-9][0-9]{6,11}$")


def verification_submit(
    *, user: User, ktp_photo: UploadedFile, selfie_photo: UploadedFile, phone: str
) -> CampaignerVerification:
    """Submit (or resubmit after a rejection) identity documents for review."""
    phone = phone.replace(" ", "").replace("-", "")
    errors: dict[str, list[str]] = {}
    if not PHONE_RE.match(phone):
        errors["phone"] = [_("Nomor HP Indonesia, misalnya 0812 3456 7890.")]
    photos = {}
    for field, upload in (("ktp_photo", ktp_photo), ("selfie_photo", selfie_photo)):
        try:
            photos[field] = photo_process(upload, min_width=300, max_width=1600)
        except ValidationError as exc:
            errors[field] = exc.messages
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        current = CampaignerVerification.objects.select_for_update().filter(user=user).first()
        if current is not None and current.status != VerificationStatus.REJECTED:
            raise ValidationError(_("Dokumen Anda sudah dikirim atau sudah terverifikasi."))
        verification = current or CampaignerVerification(user=user)
        verification.phone = phone
        verification.status = VerificationStatus.PENDING
        verification.reason = ""
        verification.submitted_at = timezone.now()
        verification.ktp_photo.save("ktp.jpg", photos["ktp_photo"], save=False)
        verification.selfie_photo.save("selfie.jpg", photos["selfie_photo"], save=False)
        verification.save()
        return verification


def verification_decide(
    *, verification: CampaignerVerification, actor: User, approve: bool, reason: str
) -> CampaignerVerification:
    if not has_role(actor, Role.MODERATOR) or actor.pk == verification.user_id:
        raise PermissionDenied
    if not approve and not reason.strip():
        raise ValidationError({"reason": _("Tuliskan alasan penolakan.")})
    with transaction.atomic():
        locked = CampaignerVerification.objects.select_for_update().get(pk=verification.pk)
        if locked.status != VerificationStatus.PENDING:
            raise ValidationError(_("Verifikasi ini sudah diputuskan."))
        locked.status = VerificationStatus.APPROVED if approve else VerificationStatus.REJECTED
        decided_at = timezone.now()
        locked.reason, locked.decided_by, locked.decided_at = reason.strip(), actor, decided_at
        locked.save(update_fields=["status", "reason", "decided_by", "decided_at"])
        audit_record(
            actor=actor,
            action=AuditAction.VERIFICATION_APPROVE if approve else AuditAction.VERIFICATION_REJECT,
            target=locked,
            reason=reason.strip(),
        )
        notice_record(
            user=locked.user,
            kind=NoticeKind.VERIFICATION_APPROVED if approve else NoticeKind.VERIFICATION_REJECTED,
            key=f"verification:{locked.pk}:{decided_at.isoformat()}",
            url_name="verification:submit",
            note=locked.reason,
        )
        return locked
