from __future__ import annotations

import signal
import threading
from typing import Any

from django.core.management.base import BaseCommand

from gotong.campaigns.tasks import end_expired_campaigns
from gotong.notifications.tasks import sweep_receipt_emails
from gotong.payments.tasks import reconcile_pending_donations
from gotong.transparency.tasks import seal_log

PERIODIC = (reconcile_pending_donations, end_expired_campaigns, seal_log, sweep_receipt_emails)


class Command(BaseCommand):
    help = (
        "Enqueue the periodic tasks (reconciliation, ending campaigns, sealing the log, "
        "receipt emails left unsent) every --interval seconds."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--interval", type=int, default=300)
        parser.add_argument("--once", action="store_true", help="enqueue once and exit")

    def handle(self, *args: Any, interval: int, once: bool, **options: Any) -> None:
        stop = threading.Event()
        signal.signal(signal.SIGTERM, lambda *_: stop.set())
        signal.signal(signal.SIGINT, lambda *_: stop.set())
        while not stop.is_set():
            for task in PERIODIC:
                task.enqueue()
            self.stdout.write(f"enqueued {', '.join(t.name for t in PERIODIC)}")
            if once:
                return
            stop.wait(interval)
