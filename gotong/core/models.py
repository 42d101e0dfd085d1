from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class WorkerHeartbeat(models.Model):
    """A running `db_worker`: `last_seen` moves every WORKER_HEARTBEAT_SECONDS while it lives
    (gotong.core.heartbeat). A worker that stops cleanly deletes its row; one killed leaves it
    to go stale, and the reaper takes back the tasks it held (gotong.audit.reaper)."""

    worker_id = models.CharField(max_length=64, primary_key=True)
    host = models.CharField(max_length=255)
    pid = models.PositiveIntegerField()
    started_at = models.DateTimeField(auto_now_add=True)
    last_seen = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = _("detak pekerja tugas")
        verbose_name_plural = _("detak pekerja tugas")

    def __str__(self) -> str:
        return f"{self.worker_id} ({self.host}:{self.pid})"
