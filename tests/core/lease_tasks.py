"""A task for tests/core/test_tasks_lease.py only, run by real `db_worker` subprocesses (they
import it by its dotted path): it says it started, waits for the test's go, then finishes."""

from __future__ import annotations

import os
import time
from pathlib import Path

from django_tasks import task


@task()
def wait_for_go(folder: str) -> int:
    here = Path(folder)
    (here / f"started-{os.getpid()}").touch()
    while not (here / "go").exists():
        time.sleep(0.1)
    (here / "done").write_text(str(os.getpid()))
    return os.getpid()
