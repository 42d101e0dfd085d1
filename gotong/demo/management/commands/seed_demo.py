from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from gotong.demo import services
from gotong.demo.inkind import HELPER_EMAIL, RESIDENT_EMAIL


class Command(BaseCommand):
    help = "Load demo campaigns, accounts and settled donations (idempotent)."

    def handle(self, *args: Any, **options: Any) -> None:
        result = services.demo_seed()
        self.stdout.write(
            f"campaigns created: {result.campaigns_created}, already there: "
            f"{result.campaigns_existing}, donations settled: {result.donations_settled}, "
            f"needs created: {result.needs_created}, help information: {result.info_created}"
        )
        self.stdout.write("Demo accounts (email / password):")
        self.stdout.write(
            f"  campaigner: {services.CAMPAIGNER_EMAIL} / {services.CAMPAIGNER_PASSWORD}"
        )
        self.stdout.write(f"  staff:      {services.STAFF_EMAIL} / {services.STAFF_PASSWORD}")
        self.stdout.write(
            f"    its authenticator app (TOTP secret): {services.STAFF_TOTP_SECRET}; "
            "or run `manage.py demo_totp` for the current code"
        )
        self.stdout.write(
            f"  resident (posts needs): {RESIDENT_EMAIL} / {services.CAMPAIGNER_PASSWORD}"
        )
        self.stdout.write(
            f"  helper (pledges):       {HELPER_EMAIL} / {services.CAMPAIGNER_PASSWORD}"
        )
