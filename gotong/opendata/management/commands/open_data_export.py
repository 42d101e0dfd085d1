from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from gotong.opendata.package import file_names
from gotong.opendata.selectors import open_data_file


class Command(BaseCommand):
    help = "Write the open data package, byte for byte as /data/ serves it, into a directory."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("directory", type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        directory: Path = options["directory"]
        directory.mkdir(parents=True, exist_ok=True)
        for name in file_names():
            body = open_data_file(name=name)
            assert body is not None
            (directory / name).write_bytes(body)
            self.stdout.write(f"{directory / name}: {len(body)} bytes")
