from __future__ import annotations

from typing import Any

from django.db import models

from gotong.accounts.models import User
from gotong.audit.models import AuditAction, AuditEntry


def audit_record(
    *,
    actor: User | None,
    action: AuditAction,
    target: models.Model,
    reason: str = "",
    data: dict[str, Any] | None = None,
) -> AuditEntry:
    """Write one audit row. Call inside the transaction of the change it explains. `actor` is
    None when the platform makes the change by itself (the scheduler, a task), never for a
    person's decision."""
    return AuditEntry.objects.create(
        actor=actor,
        action=action,
        target_type=target._meta.label_lower,
        target_id=str(target.pk),
        reason=reason,
        data=data or {},
    )
