from __future__ import annotations

from django_tasks import task

from gotong.transparency.services import log_seal


@task()
def seal_log() -> int:
    """Append new ledger entries and confirmed deliveries to the transparency log and sign a
    head (see services)."""
    return log_seal().sealed
