from typing import Any

from django.core.management.base import BaseCommand

from gotong.info.rollup import info_months_rebuild
from gotong.inkind.rollup import aid_months_rebuild
from gotong.ledger.flows import flows_rebuild


class Command(BaseCommand):
    help = (
        "Recompute open data's rollups from their sources: money (per campaign and month) from "
        "the journal, in-kind aid from the needs and pledges, help information from its history."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        rows = flows_rebuild()
        self.stdout.write(self.style.SUCCESS(f"open data rollup rebuilt: {rows} campaign-months"))
        rows = aid_months_rebuild()
        self.stdout.write(self.style.SUCCESS(f"in-kind rollup rebuilt: {rows} rows"))
        rows = info_months_rebuild()
        self.stdout.write(self.style.SUCCESS(f"help information rollup rebuilt: {rows} rows"))
