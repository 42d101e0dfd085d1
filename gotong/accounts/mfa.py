"""The second factor (django-allauth's MFA: TOTP and recovery codes). Staff, who move money or
decide on people, must have one before any staff action (gotong/accounts/middleware.py,
decision 30); anyone else may enrol at /akun/2fa/."""

from __future__ import annotations

import segno
from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.mfa.models import Authenticator
from django.contrib.auth.models import AnonymousUser

from gotong.accounts.models import User


class MfaAdapter(DefaultMFAAdapter):
    def build_totp_svg(self, url: str) -> str:
        """The QR code with segno (already a dependency) instead of allauth's `qrcode`."""
        return str(segno.make(url, error="m").svg_inline(scale=5, border=2))


def mfa_required(user: User | AnonymousUser) -> bool:
    """Staff (any `is_staff` account, every role and the admins) must use a second factor."""
    return bool(user.is_authenticated and user.is_active and (user.is_staff or user.is_superuser))


def mfa_enrolled(user: User | AnonymousUser) -> bool:
    """An active authenticator app (recovery codes alone are not a second factor)."""
    if not user.is_authenticated:
        return False
    return Authenticator.objects.filter(user_id=user.pk, type=Authenticator.Type.TOTP).exists()


def mfa_missing(user: User | AnonymousUser) -> bool:
    return mfa_required(user) and not mfa_enrolled(user)
