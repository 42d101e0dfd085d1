"""Open data of in-kind aid and help information (decision 38), read from their stored
rollups only (`inkind.AidMonth`, `info.InfoMonth`), and the regions the datasets refer to.

`in_kind_monthly` hides a cell's pledge columns (pledges, pledged, released, delivered) under
the datasets' one rule (`datasets.suppressed`): fewer than MIN_DONATIONS pledges behind it.
The needs' columns stay: every open need, its lines and its region are public on its page.
`lainnya` lines count in the poster's own units, so their quantities are not summed (empty).
`info_monthly` hides nothing: every post and its status history are public on its page.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

from django.db.models import F, QuerySet, Sum
from django.db.models.functions import Substr

from gotong.info.models import InfoMonth
from gotong.info.rollup import COLUMNS as INFO_COLUMNS
from gotong.inkind.catalogue import CATALOGUE, Item
from gotong.inkind.models import AidMonth
from gotong.inkind.rollup import COLUMNS as AID_COLUMNS
from gotong.opendata.datasets import region_names, suppressed
from gotong.regions.models import Region, RegionLevel

AID_HIDDEN = ("pledges", "pledged", "released", "delivered")
QUANTITIES = ("requested", "pledged", "released", "delivered")

AidCell = tuple[str, str, str, str]  # (month "YYYY-MM", item, province, kabupaten/kota)


def _months(start: date | None, end: date | None, item: str | None) -> QuerySet[AidMonth]:
    months = AidMonth.objects.all()
    if start is not None:
        months = months.filter(month__gte=start)
    if end is not None:
        months = months.filter(month__lte=end)
    if item is not None:
        months = months.filter(item=item)
    return months


GROUPS: dict[str, Any] = {
    "month": F("month"),
    "item": F("item"),
    "province": Substr("region_id", 1, 2),
}


def in_kind_groups(
    *, by: str, start: date | None = None, end: date | None = None, item: str | None = None
) -> dict[tuple[str, str], dict[str, int]]:
    """(month "YYYY-MM", item or province code; item) → the stored rows' sums, before the
    rules: summed by the database, one row per group."""
    rows = (
        _months(start, end, item)
        .annotate(group=GROUPS[by])
        .values("group", "item")
        .annotate(**{f"{name}_sum": Sum(name) for name in AID_COLUMNS})
        .order_by()
    )
    groups = {}
    for row in rows:
        key = f"{row['group']:%Y-%m}" if by == "month" else row["group"]
        groups[(key, row["item"])] = {name: row[f"{name}_sum"] for name in AID_COLUMNS}
    return dict(sorted(groups.items()))


def in_kind_cells(
    *, start: date | None = None, end: date | None = None, item: str | None = None
) -> dict[AidCell, dict[str, int]]:
    """The stored rows (one per month, item and kabupaten/kota), before the rules."""
    cells = {}
    for row in _months(start, end, item).values("month", "item", "region_id", *AID_COLUMNS):
        region = row["region_id"]
        key = (f"{row['month']:%Y-%m}", row["item"], region.split(".")[0], region)
        cells[key] = {name: row[name] for name in AID_COLUMNS}
    return dict(sorted(cells.items()))


def in_kind_public(item: str, values: dict[str, int]) -> dict[str, Any]:
    """A cell or group of one item as published: suppressed under the rule, and no summed
    quantities for `lainnya`."""
    out = suppressed(values, count="pledges", hide=AID_HIDDEN)
    if item == Item.LAINNYA:
        out |= dict.fromkeys(QUANTITIES)
    return out


def unit_of(item: str) -> str:
    return CATALOGUE[item].unit if item in CATALOGUE else ""


def in_kind_monthly_rows() -> Iterator[dict[str, Any]]:
    names = region_names()
    for (month, item, province, kabupaten), values in in_kind_cells().items():
        yield {
            "month": month,
            "item": item,
            "unit": unit_of(item),
            "province_code": province,
            "province_name": names.get(province, ""),
            "kabupaten_code": kabupaten,
            "kabupaten_name": names.get(kabupaten, ""),
            **in_kind_public(item, values),
        }


def info_monthly_rows() -> Iterator[dict[str, Any]]:
    names = region_names()
    rows = InfoMonth.objects.values("month", "kind", "province_id", *INFO_COLUMNS)
    for row in rows.order_by("month", "kind", "province_id"):
        province = row["province_id"]
        yield {
            "month": f"{row['month']:%Y-%m}",
            "kind": row["kind"],
            "province_code": province,
            "province_name": names.get(province, ""),
            **{name: row[name] for name in INFO_COLUMNS},
        }


def regions_rows() -> Iterator[dict[str, Any]]:
    """Provinces and kabupaten/kota, the regions the monthly datasets count in."""
    rows = Region.objects.filter(level__lte=RegionLevel.REGENCY).order_by("code")
    for code, name, level, kind, parent in rows.values_list(
        "code", "name", "level", "kind", "parent_id"
    ):
        yield {
            "code": code,
            "name": name,
            "level": level,
            "kind": kind,
            "parent_code": parent or "",
        }
