from __future__ import annotations

from django_tasks import task

from gotong.payments.services import donations_reconcile


@task()
def reconcile_pending_donations() -> int:
    """Ask the gateway about donations pending too long (see payments.services)."""
    return donations_reconcile()
