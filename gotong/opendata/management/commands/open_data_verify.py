import sys
from typing import Any

from django.core.management.base import BaseCommand

from gotong.info.rollup import info_months_verify
from gotong.inkind.rollup import aid_months_verify


class Command(BaseCommand):
    help = (
        "Compare the in-kind and help information rollups with sums from their source rows; "
        "exit 1 on any difference (verify_ledger checks the money rollup)."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        problems = aid_months_verify() + info_months_verify()
        if not problems:
            self.stdout.write(self.style.SUCCESS("open data rollups OK: equal to their sources"))
            return
        for problem in problems:
            self.stderr.write(f"MISMATCH {problem}")
        self.stderr.write(self.style.ERROR(f"open data rollups FAILED: {len(problems)} problem(s)"))
        sys.exit(1)
