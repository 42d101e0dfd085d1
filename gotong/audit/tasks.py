from __future__ import annotations

from django_tasks import task

from gotong.audit.reaper import lost_tasks_reap


@task()
def reap_lost_tasks() -> int:
    """Queue again the tasks of workers that died mid-task (see audit.reaper)."""
    return lost_tasks_reap()
