from __future__ import annotations

from django_tasks import task

from gotong.info.reminders import info_reminders_sweep
from gotong.info.services import infos_expire


@task()
def expire_info() -> int:
    """Live posts past their freshness become `kedaluwarsa` (see info.services)."""
    return infos_expire()


@task()
def remind_info() -> int:
    """Authors of posts about to expire are asked "masih berlaku?" once per freshness period
    (see info.reminders: two days before, a third of the time-to-live for shorter ones)."""
    return info_reminders_sweep()
