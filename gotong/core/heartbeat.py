"""The heartbeat of a task worker: a thread beside the worker's loop writes `last_seen` every
WORKER_HEARTBEAT_SECONDS, so a worker killed mid-task (`kill -9`, a lost machine) is told
apart from one busy with a long task. django-tasks-db keeps no lease of its own: without this a
killed worker's task stays RUNNING forever."""

from __future__ import annotations

import logging
import os
import socket
import threading
from collections.abc import Callable

from django.db import close_old_connections, connection
from django.utils import timezone

from gotong.core.models import WorkerHeartbeat

logger = logging.getLogger(__name__)


def heartbeat_beat(*, worker_id: str) -> None:
    """Record that `worker_id` lives now."""
    WorkerHeartbeat.objects.update_or_create(
        worker_id=worker_id,
        defaults={"host": socket.gethostname(), "pid": os.getpid(), "last_seen": timezone.now()},
    )


def heartbeat_end(*, worker_id: str) -> None:
    """The worker stops cleanly: it holds no task, so nothing is left to reap."""
    WorkerHeartbeat.objects.filter(worker_id=worker_id).delete()


class HeartbeatThread(threading.Thread):
    """Beats at once, then every `every` seconds until `stop()`; `after_beat` runs after each
    beat (the worker command reaps its dead peers there). A failed beat is logged and retried
    at the next one: a database hiccup must not kill the worker."""

    def __init__(
        self, *, worker_id: str, every: float, after_beat: Callable[[], object] | None = None
    ) -> None:
        super().__init__(name=f"heartbeat-{worker_id}", daemon=True)
        self.worker_id = worker_id
        self.every = every
        self.after_beat = after_beat
        self._stopped = threading.Event()

    def run(self) -> None:
        try:
            while not self._stopped.is_set():
                close_old_connections()
                try:
                    heartbeat_beat(worker_id=self.worker_id)
                    if self.after_beat is not None:
                        self.after_beat()
                except Exception:
                    logger.exception("heartbeat of worker %s failed", self.worker_id)
                self._stopped.wait(self.every)
        finally:
            connection.close()

    def stop(self) -> None:
        self._stopped.set()
        self.join(timeout=self.every + 5)
