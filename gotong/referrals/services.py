"""Writes for referrals: a person's fundraiser code, created on first request."""

from __future__ import annotations

import secrets

from django.db import IntegrityError, transaction

from gotong.accounts.models import User
from gotong.referrals.models import ReferralCode

# Lowercase letters and digits without the look-alikes 0/o, 1/l/i: codes get read aloud and
# typed from screenshots. 31^8 ≈ 8.5·10^11 codes, so a collision is rare and simply retried.
CODE_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
CODE_LENGTH = 8
ATTEMPTS = 5


def referral_code_generate() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def referral_code_get_or_create(*, user: User) -> ReferralCode:
    """The person's one code, shared by all their campaign links; created the first time.

    Two requests at once (or a random code already taken) meet the unique constraints; the
    loser reads the winner's row, or tries a new code.
    """
    if not user.is_authenticated or user.pk is None:
        raise ValueError("a referral code belongs to a signed-in person")
    for _attempt in range(ATTEMPTS):
        existing = ReferralCode.objects.filter(user=user).first()
        if existing is not None:
            return existing
        try:
            with transaction.atomic():
                return ReferralCode.objects.create(user=user, code=referral_code_generate())
        except IntegrityError:
            continue
    raise RuntimeError(f"no free referral code for user {user.pk} after {ATTEMPTS} attempts")
