"""Single-row statements for the settlement path, written once per model and database instead
of compiled by the ORM on every call (decision 25).

A settlement locks one donation, updates it, moves one campaign's counters and records one
notification. Compiling those four statements through the ORM cost about half of the Python
time of a notification (bench/donations.py). Here the SQL is built from the model's `_meta`
(so a new column needs no edit), cached per model, columns and database vendor, and values go
through each field's own `get_db_prep_save`, as `QuerySet.update` would send them. Reads come
back through the database's own converters and `Model.from_db`, as a queryset's would.

Only plain values and additive integer changes; anything richer belongs to the ORM.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from functools import cache

from django.db import models, transaction
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models.expressions import Col


def _quote(connection: BaseDatabaseWrapper, name: str) -> str:
    return connection.ops.quote_name(name)


def field(model: type[models.Model], name: str) -> models.Field:
    """The concrete field `name` of `model` (a relation's reverse side is not one)."""
    found = model._meta.get_field(name)
    if not isinstance(found, models.Field):
        raise TypeError(f"{model.__name__}.{name} is not a concrete field")
    return found


def _prep(
    model: type[models.Model], values: Mapping[str, object], connection: BaseDatabaseWrapper
) -> list[object]:
    return [field(model, name).get_db_prep_save(v, connection) for name, v in values.items()]


@cache
def _update_sql(
    model: type[models.Model],
    vendor: str,
    names: tuple[str, ...],
    increments: tuple[str, ...],
    unless: str | None,
) -> str:
    connection = transaction.get_connection()
    meta = model._meta

    def q(name: str) -> str:
        return _quote(connection, field(model, name).column)

    sets = [f"{q(n)} = %s" for n in names] + [f"{q(n)} = {q(n)} + %s" for n in increments]
    where = f"{_quote(connection, meta.pk.column)} = %s"
    if unless is not None:
        where += f" AND NOT {q(unless)} = %s"
    return f"UPDATE {_quote(connection, meta.db_table)} SET {', '.join(sets)} WHERE {where}"


def row_update(
    *,
    model: type[models.Model],
    pk: int,
    values: Mapping[str, object] | None = None,
    increments: Mapping[str, int] | None = None,
    unless: tuple[str, object] | None = None,
) -> int:
    """UPDATE one row by primary key: set `values`, add `increments` to integer columns, and
    only where the field `unless[0]` is not `unless[1]`. Returns the rows matched (0 or 1)."""
    values, increments = values or {}, increments or {}
    if not values and not increments:
        return 0
    connection = transaction.get_connection()
    sql = _update_sql(
        model,
        connection.vendor,
        tuple(values),
        tuple(increments),
        unless[0] if unless else None,
    )
    params = _prep(model, values, connection) + [int(d) for d in increments.values()]
    params.append(pk)
    if unless is not None:
        params += _prep(model, {unless[0]: unless[1]}, connection)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.rowcount


@cache
def _insert_sql(model: type[models.Model], vendor: str) -> str:
    connection = transaction.get_connection()
    columns = ", ".join(_quote(connection, f.column) for f in _inserted(model))
    marks = ", ".join(["%s"] * len(_inserted(model)))
    return f"INSERT INTO {_quote(connection, model._meta.db_table)} ({columns}) VALUES ({marks})"


@cache
def _inserted(model: type[models.Model]) -> tuple[models.Field, ...]:
    return tuple(f for f in model._meta.concrete_fields if not f.primary_key)


def row_insert(*, instance: models.Model) -> None:
    """INSERT a new, unsaved `instance` (defaults and `auto_now_add` applied as `save()` would
    apply them); its id is not read back."""
    connection = transaction.get_connection()
    model = type(instance)
    params = [f.get_db_prep_save(f.pre_save(instance, True), connection) for f in _inserted(model)]
    with connection.cursor() as cursor:
        cursor.execute(_insert_sql(model, connection.vendor), params)


@cache
def select_columns(model: type[models.Model], alias: str, vendor: str) -> str:
    """Every concrete column of `model`, qualified by the table alias `alias` (`vendor`: the
    connection's, which quotes the names)."""
    connection = transaction.get_connection()
    return ", ".join(f"{alias}.{_quote(connection, f.column)}" for f in model._meta.concrete_fields)


@cache
def _converters(
    model: type[models.Model], vendor: str
) -> tuple[tuple[Col, tuple[Callable, ...]], ...]:
    """Per concrete field, its column and the converters a queryset applies to its values."""
    connection = transaction.get_connection()
    out = []
    for f in model._meta.concrete_fields:
        col = f.get_col(model._meta.db_table)
        convs = connection.ops.get_db_converters(col) + col.get_db_converters(connection)
        out.append((col, tuple(convs)))
    return tuple(out)


def row_read(
    *, model: type[models.Model], sql: str, params: Sequence[object], extra: tuple[str, ...] = ()
) -> models.Model | None:
    """The one row `sql` selects as an instance of `model`, or None. The statement selects
    `select_columns(model, …)` first, then one column per name in `extra`, which become
    attributes of the instance (as `annotate` would)."""
    connection = transaction.get_connection()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
    if row is None:
        return None
    fields = model._meta.concrete_fields
    values = []
    for value, (col, convs) in zip(row, _converters(model, connection.vendor), strict=False):
        for conv in convs:
            value = conv(value, col, connection)
        values.append(value)
    instance = model.from_db(connection.alias, [f.attname for f in fields], values)
    for name, value in zip(extra, row[len(fields) :], strict=True):
        setattr(instance, name, value)
    return instance
