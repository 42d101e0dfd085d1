"""Reads of the open data, cached by each dataset's version (the last row it is computed from:
journal entry, in-kind move or info status change, and the latest signed head): a new row or
head makes a new key, so nothing served is older than what it explains."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any

from django.core.cache import cache

from gotong.opendata import aid, datasets, package

CACHE_SECONDS = 3600


def open_data_file(*, name: str) -> bytes | None:
    """The bytes of one served file (`flows_monthly.csv`, `datapackage.json`, …), or None."""
    stem, _, ext = name.rpartition(".")
    if name != "datapackage.json" and (stem not in package.DATASETS or ext not in ("csv", "json")):
        return None
    key = f"opendata:{datasets.data_version(stem)}:{name}"
    body = cache.get(key)
    if body is None:
        body = package.files_one(name)
        cache.set(key, body, CACHE_SECONDS)
    return body


FLOW_DIMENSIONS = {"month": 0, "category": 1, "province": 2}


def flows_stats(*, by: str, start: date | None, end: date | None) -> list[dict[str, Any]]:
    """Money flows summed by month, category or province (between the months `start` and
    `end`, inclusive), each group suppressed under the datasets' rule. Cached per version."""
    key = f"opendata:{datasets.data_version()}:flows:{by}:{start}:{end}"
    items = cache.get(key)
    if items is None:
        groups: dict[str, dict[str, int]] = defaultdict(
            lambda: dict.fromkeys(("donations", "amount", "fees", "disbursed", "refunded"), 0)
        )
        for cell, values in datasets.flows_cells(start=start, end=end).items():
            group = groups[cell[FLOW_DIMENSIONS[by]]]
            for name, value in values.items():
                group[name] += value
        items = [{"key": k, **datasets.suppressed(v)} for k, v in sorted(groups.items())]
        cache.set(key, items, CACHE_SECONDS)
    return items


def in_kind_stats(
    *, by: str, start: date | None, end: date | None, item: str | None = None
) -> list[dict[str, Any]]:
    """In-kind aid summed by month, item or province, per item (quantities of different items
    are never added up), between the months `start` and `end` inclusive, optionally of one
    `item`; each group under the datasets' rules. Cached per version."""
    key = f"opendata:{datasets.data_version('in_kind_monthly')}:in-kind:{by}:{start}:{end}:{item}"
    items = cache.get(key)
    if items is None:
        groups = aid.in_kind_groups(by=by, start=start, end=end, item=item)
        items = [
            {"key": k, "item": i, "unit": aid.unit_of(i), **aid.in_kind_public(i, v)}
            for (k, i), v in sorted(groups.items())
        ]
        cache.set(key, items, CACHE_SECONDS)
    return items
