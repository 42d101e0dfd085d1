from __future__ import annotations

import signal
import threading
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils.module_loading import import_string


class Command(BaseCommand):
    help = (
        "Enqueue the periodic tasks of settings.SCHEDULER_TASKS (reconciliation, ending "
        "campaigns, sealing the log, receipt emails left unsent, expiring bank transfers) "
        "every --interval seconds."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--interval", type=int, default=300)
        parser.add_argument("--once", action="store_true", help="enqueue once and exit")

    def handle(self, *args: Any, interval: int, once: bool, **options: Any) -> None:
        stop = threading.Event()
        signal.signal(signal.SIGTERM, lambda *_: stop.set())
        signal.signal(signal.SIGINT, lambda *_: stop.set())
        periodic = [import_string(path) for path in settings.SCHEDULER_TASKS]
        while not stop.is_set():
            for task in periodic:
                task.enqueue()
            self.stdout.write(f"enqueued {', '.join(t.name for t in periodic)}")
            if once:
                return
            stop.wait(interval)
