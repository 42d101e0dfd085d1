"""Tasks lost with their worker. A `db_worker` killed mid-task leaves its task RUNNING; once
the worker has not beaten for WORKER_LOST_AFTER_SECONDS (gotong.core.heartbeat) the task is
marked FAILED with the reason and queued again with the same arguments, with an audit row
(actor None: the platform). Every Gotong task is safe to run twice (docs/architecture.md,
"Task queue"). Run by the scheduler and by every live worker after its beat; two reapers at
once take each task once (the conditional UPDATE from RUNNING)."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from gotong.audit.models import AuditAction
from gotong.audit.services import audit_record
from gotong.core.models import WorkerHeartbeat

LOST_EXCEPTION = "gotong.audit.reaper.WorkerLost"


def lost_tasks_reap(*, now: datetime.datetime | None = None) -> int:
    """Fail and queue again every RUNNING task whose worker stopped beating; forget the
    heartbeats that old. The number of tasks queued again."""
    now = now or timezone.now()
    lost_after = datetime.timedelta(seconds=settings.WORKER_LOST_AFTER_SECONDS)
    cutoff = now - lost_after
    alive = set(
        WorkerHeartbeat.objects.filter(last_seen__gte=cutoff).values_list("worker_id", flat=True)
    )
    reaped = 0
    for result in DBTaskResult.objects.running().filter(started_at__lt=cutoff):
        worker_id = result.worker_ids[-1] if result.worker_ids else ""
        if worker_id not in alive and _lost_task_requeue(result=result, now=now):
            reaped += 1
    WorkerHeartbeat.objects.filter(last_seen__lt=cutoff).delete()
    return reaped


def _lost_task_requeue(*, result: DBTaskResult, now: datetime.datetime) -> bool:
    worker_id = result.worker_ids[-1] if result.worker_ids else ""
    reason = (
        f"worker {worker_id or '?'} stopped heartbeating for more than "
        f"{settings.WORKER_LOST_AFTER_SECONDS} s while running this task; queued again"
    )
    with transaction.atomic():
        taken = DBTaskResult.objects.filter(pk=result.pk, status=TaskResultStatus.RUNNING).update(
            status=TaskResultStatus.FAILED,
            finished_at=now,
            exception_class_path=LOST_EXCEPTION,
            traceback=reason,
        )
        if not taken:
            return False
        args = result.args_kwargs
        again = result.task.using(run_after=None).enqueue(*args["args"], **args["kwargs"])
        audit_record(
            actor=None,
            action=AuditAction.TASK_REQUEUE,
            target=result,
            reason=reason,
            data={"task": result.task_path, "worker_id": worker_id, "requeued_as": again.id},
        )
    return True
