from __future__ import annotations

from django.db.models import QuerySet

from gotong.accounts.models import ApiToken, User


def api_tokens_of(*, user: User) -> QuerySet[ApiToken]:
    """Every token `user` made, revoked ones too, newest first."""
    return ApiToken.objects.filter(user=user)
