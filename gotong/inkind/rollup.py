"""Open data's in-kind rollup, `AidMonth` (decision 38): per month, item and kabupaten/kota.

The services add to it in the transaction of each move, after their own rows (it is the hot
row, taken last):

| move | month of | adds |
|---|---|---|
| a need first opens | `Need.opened_at` | per item: requested +quantity, needs_opened +1 |
| a need is fulfilled / expires | its `AidEvent` | per item: needs_fulfilled / needs_expired +1 |
| a pledge is made | `Pledge.created_at` | pledged +quantity, pledges +1 |
| a pledge is confirmed | `Pledge.confirmed_at` | delivered +quantity |
| a pledge frees its quantity | its `AidEvent` | released +quantity |

`pledges` counts the pledges behind a row: a pledge confirmed or freed in a later month than
it was made counts again in that month's row. `aid_months_from_source` recomputes the same
sums from the needs, pledges and events; `aid_months_rebuild` writes them, `aid_months_verify`
compares them with the stored rows.
"""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict
from collections.abc import Iterable

from django.db import connection, transaction
from django.utils import timezone

from gotong.core.rollup import rollup_add
from gotong.inkind.models import AidEvent, AidMonth, EventOutcome, Need, NeedLine, Pledge
from gotong.inkind.transitions import HOLDS, NeedEvent, NeedStatus, PledgeStatus

Key = tuple[datetime.date, str, str]  # (month, item, kabupaten/kota code)
Cells = dict[Key, Counter[str]]
COLUMNS = (
    "requested",
    "needs_opened",
    "needs_fulfilled",
    "needs_expired",
    "pledges",
    "pledged",
    "released",
    "delivered",
)
NEED_ENDS = {
    NeedStatus.FULFILLED.value: "needs_fulfilled",
    NeedStatus.EXPIRED.value: "needs_expired",
}
KEYS = ("month", "item", "region")
OPENED = ("requested", "needs_opened")


def month_of(moment: datetime.datetime) -> datetime.date:
    return timezone.localtime(moment).date().replace(day=1)


def kabupaten_of(region_code: str) -> str:
    return ".".join(region_code.split(".")[:2])


def _lines_add(
    cells: Cells,
    month: datetime.date,
    region: str,
    lines: Iterable[tuple[str, int]],
    names: tuple[str, ...],
) -> None:
    """Per distinct item of a need's `lines` ((item, quantity) pairs): each count of `names`
    +1, and `requested` (when named) +the item's quantities."""
    items: Counter[str] = Counter()
    for item, quantity in lines:
        items[item] += quantity
    for item, quantity in items.items():
        cell = cells[(month, item, kabupaten_of(region))]
        for name in names:
            cell[name] += quantity if name == "requested" else 1


def _pledge_add(
    cells: Cells, pledge_made: datetime.datetime, at: datetime.datetime, key: Key, **what: int
) -> None:
    cell = cells[key]
    for name, value in what.items():
        cell[name] += value
    if month_of(at) != month_of(pledge_made):
        cell["pledges"] += 1


def _write(cells: Cells) -> None:
    rollup_add(model=AidMonth, keys=KEYS, rows=cells)


def need_moved_add(*, need: Need, to: str, opened: bool, at: datetime.datetime) -> None:
    """After a need's applied move to `to` (`opened`: its first opening, at `need.opened_at`)."""
    column = NEED_ENDS.get(to)
    if not opened and column is None:
        return
    lines = NeedLine.objects.filter(need=need).values_list("item", "quantity")
    cells: Cells = defaultdict(Counter)
    if opened and need.opened_at is not None:
        _lines_add(cells, month_of(need.opened_at), need.region_id, lines, OPENED)
    if column is not None:
        _lines_add(cells, month_of(at), need.region_id, lines, (column,))
    _write(cells)


def pledge_made_add(*, pledge: Pledge, item: str, need: Need) -> None:
    key = (month_of(pledge.created_at), item, kabupaten_of(need.region_id))
    _write({key: Counter(pledged=pledge.quantity, pledges=1)})


def pledge_moved_add(
    *, pledge: Pledge, item: str, need: Need, before: str, at: datetime.datetime
) -> None:
    """After a pledge's applied move from `before` to `pledge.status`, at `at`."""
    key = (month_of(at), item, kabupaten_of(need.region_id))
    cells: Cells = defaultdict(Counter)
    if pledge.status == PledgeStatus.CONFIRMED:
        _pledge_add(cells, pledge.created_at, at, key, delivered=pledge.quantity)
    elif before in HOLDS and pledge.status not in HOLDS:
        _pledge_add(cells, pledge.created_at, at, key, released=pledge.quantity)
    _write(cells)


def aid_months_from_source() -> Cells:
    """The rollup's sums recomputed from the needs, their lines, the pledges and the events."""
    cells: Cells = defaultdict(Counter)
    lines: dict[int, list[tuple[str, int]]] = defaultdict(list)
    for need_id, item, quantity in NeedLine.objects.values_list("need_id", "item", "quantity"):
        lines[need_id].append((item, quantity))
    regions = {}
    for need_id, region, opened_at in Need.objects.values_list("pk", "region_id", "opened_at"):
        regions[need_id] = region
        if opened_at is not None:
            _lines_add(cells, month_of(opened_at), region, lines[need_id], OPENED)
    ends = AidEvent.objects.filter(
        pledge__isnull=True,
        outcome=EventOutcome.APPLIED,
        event__in=[NeedEvent.FULFIL, NeedEvent.EXPIRE],
    ).values_list("need_id", "to_status", "created_at")
    for need_id, to, created_at in ends.iterator(chunk_size=5_000):
        _lines_add(cells, month_of(created_at), regions[need_id], lines[need_id], (NEED_ENDS[to],))
    pledges = {}
    rows = Pledge.objects.values_list(
        "pk", "created_at", "confirmed_at", "quantity", "line__item", "line__need__region_id"
    )
    for pk, made, confirmed_at, quantity, item, region in rows.iterator(chunk_size=5_000):
        kabupaten = kabupaten_of(region)
        pledges[pk] = (made, quantity, (item, kabupaten))
        cells[(month_of(made), item, kabupaten)].update(pledged=quantity, pledges=1)
        if confirmed_at is not None:
            key = (month_of(confirmed_at), item, kabupaten)
            _pledge_add(cells, made, confirmed_at, key, delivered=quantity)
    freed = AidEvent.objects.filter(
        pledge__isnull=False,
        outcome=EventOutcome.APPLIED,
        from_status__in=HOLDS,
    ).exclude(to_status__in=HOLDS)
    for pk, at in freed.values_list("pledge_id", "created_at").iterator(chunk_size=5_000):
        made, quantity, (item, kabupaten) = pledges[pk]
        _pledge_add(cells, made, at, (month_of(at), item, kabupaten), released=quantity)
    return cells


def aid_months_rebuild() -> int:
    """Replace every stored row by the sums from the source rows; returns the rows written.
    On PostgreSQL the table is locked against the services meanwhile (they wait, then add)."""
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(f"LOCK TABLE {AidMonth._meta.db_table} IN EXCLUSIVE MODE")
        AidMonth.objects.all().delete()
        cells = aid_months_from_source()
        AidMonth.objects.bulk_create(
            (
                AidMonth(month=m, item=item, region_id=region, **{n: sums[n] for n in COLUMNS})
                for (m, item, region), sums in sorted(cells.items())
            ),
            batch_size=5_000,
        )
    return len(cells)


def aid_months_verify() -> list[str]:
    """Each stored row against the source's sums: the differences, in words (none: in step)."""
    source = aid_months_from_source()
    stored = {
        (row["month"], row["item"], row["region_id"]): row
        for row in AidMonth.objects.values(*KEYS[:2], "region_id", *COLUMNS)
    }
    problems = []
    for key in sorted(set(stored) | set(source)):
        row = stored.get(key, {})
        for name in COLUMNS:
            if row.get(name, 0) != source[key][name]:
                problems.append(
                    f"in-kind {key[0]:%Y-%m} {key[1]} {key[2]}: {name} {row.get(name, 0)}, "
                    f"source {source[key][name]}"
                )
    return problems
