"""Staff roles beyond `is_staff`: moderators review, finance staff move money out, verifiers
check help information.

A role is a Django group of that name; superusers (admins) hold every role. See
docs/roles.md for who may do what.
"""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.db import models

from gotong.accounts.models import User


class Role(models.TextChoices):
    MODERATOR = "moderator", "moderator"
    FINANCE = "finance", "finance"
    # Sets help information `terverifikasi` or `salah`, with a note and evidence.
    VERIFIER = "verifikator", "verifikator"


def has_role(user: User | AnonymousUser, role: Role) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return user.is_staff and user.groups.filter(name=role.value).exists()


def roles_held(user: User | AnonymousUser) -> frozenset[str]:
    """Every role `user` holds (one query for staff, none for anyone else)."""
    if not user.is_authenticated or not user.is_active or not user.is_staff:
        return frozenset()
    if user.is_superuser:
        return frozenset(Role.values)
    return frozenset(user.groups.filter(name__in=Role.values).values_list("name", flat=True))
