"""Open data's rollup of help information, `InfoMonth` (decision 38): per month, kind and
province, how many posts were published and how many applied status changes reached each
counted status. `post_move_locked` and the publication add to it in the transaction of the
history row, after the post's own rows; `info_months_from_source` recomputes it from
`InfoStatusChange`, `info_months_rebuild` writes that, `info_months_verify` compares."""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict

from django.db import connection, transaction
from django.utils import timezone

from gotong.core.rollup import rollup_add
from gotong.info.models import ChangeOutcome, InfoMonth, InfoPost, InfoStatusChange
from gotong.info.transitions import InfoEvent, InfoStatus

Key = tuple[datetime.date, str, str]  # (month, kind, province code)
COLUMNS = ("posts", "confirmed", "verified", "disputed", "marked_false", "expired")
# The status an applied change reaches → its column; a publication counts as a post.
COUNTED = {
    InfoStatus.COMMUNITY.value: "confirmed",
    InfoStatus.VERIFIED.value: "verified",
    InfoStatus.DISPUTED.value: "disputed",
    InfoStatus.FALSE.value: "marked_false",
    InfoStatus.EXPIRED.value: "expired",
}
KEYS = ("month", "kind", "province")


def _column(event: str, to: str) -> str | None:
    return "posts" if event == InfoEvent.PUBLISH else COUNTED.get(to)


def _key(at: datetime.datetime, kind: str, region_code: str) -> Key:
    return (timezone.localtime(at).date().replace(day=1), kind, region_code.split(".")[0])


def info_change_add(*, post: InfoPost, change: InfoStatusChange) -> None:
    """After an applied history row of `post`, in its transaction."""
    column = _column(change.event, change.to_status)
    if column is not None:
        key = _key(change.created_at, post.kind, post.region_id)
        rollup_add(model=InfoMonth, keys=KEYS, rows={key: {column: 1}})


def info_months_from_source() -> dict[Key, Counter[str]]:
    cells: dict[Key, Counter[str]] = defaultdict(Counter)
    changes = InfoStatusChange.objects.filter(outcome=ChangeOutcome.APPLIED).values_list(
        "event", "to_status", "created_at", "post__kind", "post__region_id"
    )
    for event, to, created_at, kind, region in changes.iterator(chunk_size=10_000):
        column = _column(event, to)
        if column is not None:
            cells[_key(created_at, kind, region)][column] += 1
    return cells


def info_months_rebuild() -> int:
    """Replace every stored row by the history's sums; returns the rows written. On
    PostgreSQL the table is locked against the services meanwhile (they wait, then add)."""
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(f"LOCK TABLE {InfoMonth._meta.db_table} IN EXCLUSIVE MODE")
        InfoMonth.objects.all().delete()
        cells = info_months_from_source()
        InfoMonth.objects.bulk_create(
            (
                InfoMonth(month=m, kind=kind, province_id=p, **{n: sums[n] for n in COLUMNS})
                for (m, kind, p), sums in sorted(cells.items())
            ),
            batch_size=5_000,
        )
    return len(cells)


def info_months_verify() -> list[str]:
    """Each stored row against the history's sums: the differences, in words."""
    source = info_months_from_source()
    stored = {
        (row["month"], row["kind"], row["province_id"]): row
        for row in InfoMonth.objects.values("month", "kind", "province_id", *COLUMNS)
    }
    problems = []
    for key in sorted(set(stored) | set(source)):
        row = stored.get(key, {})
        for name in COLUMNS:
            if row.get(name, 0) != source[key][name]:
                problems.append(
                    f"info {key[0]:%Y-%m} {key[1]} {key[2]}: {name} {row.get(name, 0)}, "
                    f"history {source[key][name]}"
                )
    return problems
