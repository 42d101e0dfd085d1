from __future__ import annotations

from django_tasks import task

from gotong.payments.refunds import refund_execute
from gotong.payments.services import donations_reconcile


@task()
def reconcile_pending_donations() -> int:
    """Ask the gateway about donations pending too long (see payments.services)."""
    return donations_reconcile()


@task()
def execute_refund(refund_id: int) -> bool:
    return refund_execute(refund_id=refund_id)
