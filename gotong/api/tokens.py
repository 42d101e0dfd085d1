"""Personal API tokens: made, revoked (each with an audit row) and checked on every API call
(`Authorization: Bearer gtg_<prefix>_<secret>`). The token is shown once; only its SHA-256 is
kept, found by its prefix and compared in constant time. `last_used_at` is written at most once
a minute per token. Decision 30.

The services live here, not in gotong/accounts, because they write audit rows (accounts is
below audit in the layers)."""

from __future__ import annotations

import datetime
import hashlib
import hmac
import secrets

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja.errors import AuthenticationError, AuthorizationError
from ninja.security import HttpBearer

from gotong.accounts.models import ApiToken, TokenScope, User
from gotong.audit.models import AuditAction
from gotong.audit.services import audit_record

LAST_USED_EVERY = datetime.timedelta(minutes=1)
MAX_ACTIVE = 10


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def api_token_create(*, user: User, name: str, scope: str) -> tuple[ApiToken, str]:
    """A new token for `user`; returns it with the only copy of its secret."""
    name = name.strip()
    if not name:
        raise ValidationError({"name": _("Beri nama token ini, misalnya nama aplikasinya.")})
    if scope not in TokenScope.values:
        raise ValidationError({"scope": _("Pilih cakupan: baca, atau baca dan tulis.")})
    with transaction.atomic():
        active = ApiToken.objects.select_for_update().filter(user=user, revoked_at=None)
        if len(active) >= MAX_ACTIVE:
            raise ValidationError(
                {
                    "name": _("Paling banyak %(n)d token aktif. Cabut yang tidak dipakai.")
                    % {"n": MAX_ACTIVE}
                }
            )
        prefix = secrets.token_hex(6)
        token = f"gtg_{prefix}_{secrets.token_urlsafe(32)}"
        api_token = ApiToken.objects.create(
            user=user, name=name[:80], scope=scope, prefix=prefix, digest=_digest(token)
        )
        audit_record(
            actor=user,
            action=AuditAction.API_TOKEN_CREATE,
            target=api_token,
            data={"name": api_token.name, "scope": scope, "prefix": prefix},
        )
    return api_token, token


def api_token_revoke(*, token: ApiToken, actor: User) -> ApiToken:
    """Revoke one's own token; revoking a revoked token changes nothing."""
    if token.user_id != actor.pk:
        raise PermissionDenied
    with transaction.atomic():
        locked = ApiToken.objects.select_for_update().get(pk=token.pk)
        if locked.revoked_at is not None:
            return locked
        locked.revoked_at = timezone.now()
        locked.save(update_fields=["revoked_at"])
        audit_record(
            actor=actor,
            action=AuditAction.API_TOKEN_REVOKE,
            target=locked,
            data={"name": locked.name, "prefix": locked.prefix},
        )
    return locked


def api_token_check(*, token: str) -> ApiToken | None:
    """The active token `token` is, or None; notes when it was used (at most once a minute)."""
    parts = token.split("_", 2)
    if len(parts) != 3 or parts[0] != "gtg":
        return None
    found = (
        ApiToken.objects.select_related("user")
        .filter(prefix=parts[1], revoked_at=None, user__is_active=True)
        .first()
    )
    if found is None or not hmac.compare_digest(found.digest, _digest(token)):
        return None
    now = timezone.now()
    if found.last_used_at is None or now - found.last_used_at >= LAST_USED_EVERY:
        ApiToken.objects.filter(pk=found.pk).update(last_used_at=now)
        found.last_used_at = now
    return found


class TokenUnknown(AuthenticationError):
    """A Bearer token that is not (or no longer) an active token: 401."""


class TokenReadOnly(AuthorizationError):
    """A `read` token on a write operation: 403."""


class TokenAuth(HttpBearer):
    """`Authorization: Bearer <token>`; the operation then runs as the token's user. With
    `write=True` a `read` token is refused (403)."""

    openapi_scheme = "bearer"
    openapi_bearerFormat = "gtg_<prefix>_<secret>"
    openapi_description = (
        "Token API pribadi, dibuat di /akun/token-api/. Cakupan `read` hanya membaca; "
        "`write` juga boleh mengirim (kebutuhan, janji bantuan)."
    )

    def __init__(self, *, write: bool = False) -> None:
        super().__init__()
        self.write = write

    def authenticate(self, request: HttpRequest, token: str) -> User:
        api_token = api_token_check(token=token)
        if api_token is None:
            raise TokenUnknown()
        if self.write and api_token.scope != TokenScope.WRITE:
            raise TokenReadOnly()
        request.user = api_token.user
        return api_token.user


token_read = TokenAuth()
token_write = TokenAuth(write=True)
