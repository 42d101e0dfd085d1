from __future__ import annotations

from gotong.accounts.models import User
from gotong.verification.models import CampaignerVerification, VerificationStatus


def user_is_verified(*, user: User) -> bool:
    return CampaignerVerification.objects.filter(
        user_id=user.pk, status=VerificationStatus.APPROVED
    ).exists()


def verification_status(*, user: User) -> str | None:
    """The status of `user`'s verification (`VerificationStatus`), or None before any."""
    return (
        CampaignerVerification.objects.filter(user_id=user.pk)
        .values_list("status", flat=True)
        .first()
    )
