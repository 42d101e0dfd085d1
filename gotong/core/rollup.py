"""Stored rollups kept by services: add to a row of sums in one atomic upsert, in the caller's
transaction (decision 38). The model has a unique constraint over `keys`; its other columns
named in the deltas are integer sums starting at 0. Rows are written in key order, so two
transactions that touch the same rows take their locks in the same order."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, cast

from django.db import connection, models


def rollup_add(
    *,
    model: type[models.Model],
    keys: Sequence[str],
    rows: Mapping[tuple[Any, ...], Mapping[str, int]],
) -> int:
    """For each key tuple (values of `keys`, in order) add its deltas to the stored row,
    inserting it when there is none: `INSERT … ON CONFLICT (keys) DO UPDATE SET c = c +
    excluded.c` (SQLite and PostgreSQL). Rows whose deltas are all zero are skipped. Returns
    the rows written."""
    wanted = {key: deltas for key, deltas in rows.items() if any(deltas.values())}
    if not wanted:
        return 0
    names = sorted({name for deltas in wanted.values() for name in deltas})
    fields = [
        cast("models.Field[Any, Any]", model._meta.get_field(name)) for name in (*keys, *names)
    ]
    quote = connection.ops.quote_name
    columns = [quote(field.column) for field in fields]
    table = quote(model._meta.db_table)
    conflict = ", ".join(columns[: len(keys)])
    adds = ", ".join(f"{c} = {table}.{c} + excluded.{c}" for c in columns[len(keys) :])
    marks = "(" + ", ".join(["%s"] * len(columns)) + ")"
    params: list[Any] = []
    for key in sorted(wanted):
        values = (*key, *(wanted[key].get(name, 0) for name in names))
        params.extend(
            field.get_db_prep_value(value, connection)
            for field, value in zip(fields, values, strict=True)
        )
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} ({', '.join(columns)}) VALUES "  # noqa: S608 (names from _meta)
            f"{', '.join([marks] * len(wanted))} "
            f"ON CONFLICT ({conflict}) DO UPDATE SET {adds}",
            params,
        )
    return len(wanted)
