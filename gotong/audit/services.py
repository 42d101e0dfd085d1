from __future__ import annotations

from typing import Any

from django.db import models

from gotong.accounts.models import User
from gotong.audit.models import AuditEntry


def audit_record(
    *,
    actor: User,
    action: str,
    target: models.Model,
    reason: str = "",
    data: dict[str, Any] | None = None,
) -> AuditEntry:
    """Write one audit row. Call inside the transaction of the change it explains."""
    return AuditEntry.objects.create(
        actor=actor,
        action=action,
        target_type=target._meta.label_lower,
        target_id=str(target.pk),
        reason=reason,
        data=data or {},
    )
