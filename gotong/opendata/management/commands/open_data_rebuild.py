from typing import Any

from django.core.management.base import BaseCommand

from gotong.ledger.flows import flows_rebuild


class Command(BaseCommand):
    help = "Recompute open data's money rollup (per campaign and month) from the journal."

    def handle(self, *args: Any, **options: Any) -> None:
        rows = flows_rebuild()
        self.stdout.write(self.style.SUCCESS(f"open data rollup rebuilt: {rows} campaign-months"))
