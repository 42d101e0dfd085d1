from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from gotong.info.indexing import infos_reindex
from gotong.search.services import search_index_rebuild


class Command(BaseCommand):
    help = "Rebuild the search indexes: every campaign, every help-information post."

    def handle(self, *args: Any, **options: Any) -> None:
        count = search_index_rebuild()
        self.stdout.write(f"campaigns indexed: {count}")
        self.stdout.write(f"info posts indexed: {infos_reindex()}")
