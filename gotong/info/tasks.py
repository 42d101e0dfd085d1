from __future__ import annotations

from django_tasks import task

from gotong.info.services import infos_expire


@task()
def expire_info() -> int:
    """Live posts past their freshness become `kedaluwarsa` (see info.services)."""
    return infos_expire()
