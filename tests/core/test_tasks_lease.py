"""No task is lost with its worker: a `db_worker` killed with SIGKILL mid-task stops beating,
and its RUNNING task is failed with the reason and queued again with the same arguments, with
an audit row, by the scheduler's reaper or by any live worker; a second worker runs it."""

from __future__ import annotations

import datetime
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO

import pytest
import time_machine
from django.conf import settings as django_settings
from django.db import connection
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from gotong.audit.models import AuditAction, AuditEntry
from gotong.audit.reaper import LOST_EXCEPTION, lost_tasks_reap
from gotong.audit.tasks import reap_lost_tasks
from gotong.core.heartbeat import heartbeat_beat
from gotong.core.models import WorkerHeartbeat
from tests.core.lease_tasks import wait_for_go

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]

TASK_PATH = "tests.core.lease_tasks.wait_for_go"


@pytest.fixture
def queue(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def database_url() -> str:
    db = connection.settings_dict
    if db["ENGINE"] == "django.db.backends.sqlite3":
        return f"sqlite:///{Path(db['NAME']).resolve()}"
    password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
    return f"postgres://{db['USER']}{password}@{db['HOST']}:{db['PORT'] or 5432}/{db['NAME']}"


@pytest.fixture
def start_worker(tmp_path) -> Iterator[Callable[..., subprocess.Popen[bytes]]]:
    """`manage.py db_worker` as its own process against the test database, beating every
    second and taking a peer for dead after two."""
    started: list[subprocess.Popen[bytes]] = []
    logs: list[IO[bytes]] = []
    env = {
        **os.environ,
        "DATABASE_URL": database_url(),
        "TASK_BACKEND": "django_tasks_db.DatabaseBackend",
        "WORKER_HEARTBEAT_SECONDS": "1",
        "WORKER_LOST_AFTER_SECONDS": "2",
    }

    def start(worker_id: str) -> subprocess.Popen[bytes]:
        log = (tmp_path / f"{worker_id}.log").open("wb")
        logs.append(log)
        cmd = [sys.executable, "manage.py", "db_worker", "--no-reload", "--interval", "0.2"]
        child = subprocess.Popen(
            [*cmd, "--no-startup-delay", "--worker-id", worker_id],
            cwd=django_settings.BASE_DIR,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        started.append(child)
        return child

    yield start
    for child in started:
        if child.poll() is None:
            child.kill()
            child.wait(timeout=10)
    for log in logs:
        log.close()


def wait_until(check: Callable[[], object], *, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError(f"not within {seconds} s")
        time.sleep(0.2)


def test_a_task_of_a_killed_worker_is_run_again_by_another(queue, settings, start_worker, tmp_path):
    settings.WORKER_LOST_AFTER_SECONDS = 2
    first = wait_for_go.enqueue(str(tmp_path))
    doomed = start_worker("doomed")
    wait_until(lambda: list(tmp_path.glob("started-*")))
    time.sleep(3)
    # Busy for longer than the threshold but beating: not lost.
    assert lost_tasks_reap() == 0
    assert DBTaskResult.objects.get(pk=first.id).status == TaskResultStatus.RUNNING

    doomed.send_signal(signal.SIGKILL)
    doomed.wait(timeout=10)
    assert DBTaskResult.objects.get(pk=first.id).status == TaskResultStatus.RUNNING
    (tmp_path / "go").touch()
    rescuer = start_worker("rescuer")

    # The rescuer's own heartbeat reaps the doomed worker's task, then the rescuer runs it.
    wait_until(lambda: DBTaskResult.objects.filter(task_path=TASK_PATH).successful().exists())
    lost = DBTaskResult.objects.get(pk=first.id)
    assert lost.status == TaskResultStatus.FAILED
    assert lost.exception_class_path == LOST_EXCEPTION
    assert "doomed" in lost.traceback
    again = DBTaskResult.objects.filter(task_path=TASK_PATH).successful().get()
    assert again.args_kwargs == {"args": [str(tmp_path)], "kwargs": {}}
    assert again.worker_ids == ["rescuer"]
    assert (tmp_path / "done").read_text() == str(rescuer.pid)
    audit = AuditEntry.objects.get(action=AuditAction.TASK_REQUEUE)
    assert audit.actor is None
    assert audit.target_id == str(first.id)
    assert audit.data["requeued_as"] == str(again.id)
    assert not WorkerHeartbeat.objects.filter(worker_id="doomed").exists()

    rescuer.send_signal(signal.SIGTERM)
    assert rescuer.wait(timeout=20) == 0
    assert not WorkerHeartbeat.objects.filter(worker_id="rescuer").exists()


def claimed(worker_id: str, tmp_path: Path) -> DBTaskResult:
    """A task a worker took, as the worker's loop claims it."""
    result = DBTaskResult.objects.get(pk=wait_for_go.enqueue(str(tmp_path)).id)
    result.claim(worker_id)
    heartbeat_beat(worker_id=worker_id)
    return result


def test_the_scheduler_requeues_within_five_minutes_of_the_last_beat(queue, tmp_path):
    assert "gotong.audit.tasks.reap_lost_tasks" in django_settings.SCHEDULER_TASKS
    result = claimed("gone", tmp_path)
    beat = timezone.now()
    with time_machine.travel(beat + datetime.timedelta(seconds=100), tick=False):
        assert reap_lost_tasks.call() == 0
    with time_machine.travel(beat + datetime.timedelta(minutes=2, seconds=5), tick=False):
        assert reap_lost_tasks.call() == 1
        assert reap_lost_tasks.call() == 0
    result.refresh_from_db()
    assert result.status == TaskResultStatus.FAILED
    assert DBTaskResult.objects.ready().filter(task_path=TASK_PATH).count() == 1
    assert AuditEntry.objects.filter(action=AuditAction.TASK_REQUEUE).count() == 1


def test_a_worker_that_still_beats_keeps_its_long_task(queue, tmp_path):
    result = claimed("slow", tmp_path)
    later = timezone.now() + datetime.timedelta(hours=1)
    with time_machine.travel(later, tick=False):
        heartbeat_beat(worker_id="slow")
        assert lost_tasks_reap() == 0
    result.refresh_from_db()
    assert result.status == TaskResultStatus.RUNNING
