from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from gotong.transparency.selectors import log_head_latest
from gotong.transparency.services import SEAL_BATCH_SIZE, log_seal


class Command(BaseCommand):
    help = (
        "Append ledger entries and confirmed deliveries not yet in the transparency log and "
        "sign a new tree head."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--batch-size", type=int, default=SEAL_BATCH_SIZE, help="leaves per transaction"
        )

    def handle(self, *args: Any, batch_size: int, **options: Any) -> None:
        result = log_seal(batch_size=batch_size)
        head = log_head_latest()
        self.stdout.write(f"sealed {result.sealed} entries")
        if head is not None:
            self.stdout.write(
                f"tree size {head.tree_size}, root {head.root_hash}, timestamp {head.timestamp}"
            )
