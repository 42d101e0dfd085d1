from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from gotong.demo import services


class Command(BaseCommand):
    help = "Load demo campaigns, accounts and settled donations (idempotent)."

    def handle(self, *args: Any, **options: Any) -> None:
        result = services.demo_seed()
        self.stdout.write(
            f"campaigns created: {result.campaigns_created}, already there: "
            f"{result.campaigns_existing}, donations settled: {result.donations_settled}"
        )
        self.stdout.write("Demo accounts (email / password):")
        self.stdout.write(
            f"  campaigner: {services.CAMPAIGNER_EMAIL} / {services.CAMPAIGNER_PASSWORD}"
        )
        self.stdout.write(f"  staff:      {services.STAFF_EMAIL} / {services.STAFF_PASSWORD}")
