from __future__ import annotations

from django_tasks import task

from gotong.banktransfer.services import transfers_expire


@task()
def expire_bank_transfers() -> int:
    """Close bank transfers whose unique code has run out (see banktransfer.services)."""
    return transfers_expire()
