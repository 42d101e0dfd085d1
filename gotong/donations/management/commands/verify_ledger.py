from __future__ import annotations

import sys
from typing import Any

from django.core.management.base import BaseCommand

from gotong.core.money import rupiah
from gotong.donations.books import ledger_verify


class Command(BaseCommand):
    help = "Recompute every balance from the postings; exit 1 on any mismatch."

    def handle(self, *args: Any, **options: Any) -> None:
        report = ledger_verify()
        self.stdout.write(
            f"entries: {report.entries}  postings: {report.postings}  accounts: {report.accounts}\n"
            f"campaigns: {report.campaigns}  settled donations: {report.settled_donations}  "
            f"total settled: {rupiah(report.total_settled)}  fees: {rupiah(report.total_fees)}"
        )
        if report.ok:
            self.stdout.write(self.style.SUCCESS("ledger OK: every balance matches its postings"))
            return
        for problem in report.problems:
            self.stderr.write(f"MISMATCH {problem}")
        self.stderr.write(self.style.ERROR(f"ledger FAILED: {len(report.problems)} problem(s)"))
        sys.exit(1)
