from __future__ import annotations

from collections.abc import Collection

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


def verification_of(*, user: User) -> CampaignerVerification | None:
    return CampaignerVerification.objects.filter(user_id=user.pk).first()


def verifications_by_user(*, user_ids: Collection[int]) -> dict[int, CampaignerVerification]:
    """Each of these people's verification (if they sent one), by user id: one query."""
    rows = CampaignerVerification.objects.filter(user_id__in=user_ids)
    return {v.user_id: v for v in rows}
