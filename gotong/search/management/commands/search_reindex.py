from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from gotong.search.services import search_index_rebuild


class Command(BaseCommand):
    help = "Rebuild the campaign search index from every campaign."

    def handle(self, *args: Any, **options: Any) -> None:
        count = search_index_rebuild()
        self.stdout.write(f"campaigns indexed: {count}")
