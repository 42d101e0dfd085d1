from __future__ import annotations

from django.db import models
from django.db.models import QuerySet

from gotong.audit.models import AuditEntry


def audit_for(*, target: models.Model, staff_only: bool = False) -> QuerySet[AuditEntry]:
    """The audit rows of one object, newest first; `staff_only` leaves out what the platform
    did by itself (the scheduler, tasks)."""
    entries = AuditEntry.objects.filter(
        target_type=target._meta.label_lower, target_id=str(target.pk)
    ).select_related("actor")
    return entries.filter(actor__isnull=False) if staff_only else entries
