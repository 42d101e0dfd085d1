from __future__ import annotations

import os
from typing import Any

from django.conf import settings
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV
from django_tasks_db.management.commands import db_worker

from gotong.audit.reaper import lost_tasks_reap
from gotong.core.heartbeat import HeartbeatThread, heartbeat_end


class Command(db_worker.Command):
    help = (
        "Run a database task worker (django-tasks-db) that beats every "
        "WORKER_HEARTBEAT_SECONDS and, after each beat, queues again the tasks of workers that "
        "stopped beating."
    )

    def handle(self, *args: Any, worker_id: str, reload: bool, **options: Any) -> None:
        # With --reload the parent only watches files; the child it starts runs the tasks.
        if reload and not options["batch"] and os.environ.get(DJANGO_AUTORELOAD_ENV) != "true":
            super().handle(*args, worker_id=worker_id, reload=reload, **options)
            return
        heart = HeartbeatThread(
            worker_id=worker_id, every=settings.WORKER_HEARTBEAT_SECONDS, after_beat=lost_tasks_reap
        )
        heart.start()
        try:
            super().handle(*args, worker_id=worker_id, reload=reload, **options)
        finally:
            heart.stop()
            heartbeat_end(worker_id=worker_id)
