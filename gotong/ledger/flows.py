"""Open data's money rollup recomputed from the journal (decision 36).

`movement_record` keeps `FlowMonth` as every movement is written; `flows_rebuild` writes it
again from the entries, for data booked before the rollup existed or after a repair.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date

from django.db import connection, transaction

from gotong.ledger.models import FlowMonth, Posting
from gotong.ledger.movements import COUNTERS, counter_deltas, month_of


def flows_from_journal() -> dict[tuple[date, int], Counter[str]]:
    """Per (month, campaign), the counters' sums over the entries: one positive leg each."""
    flows: dict[tuple[date, int], Counter[str]] = defaultdict(Counter)
    legs = (
        Posting.objects.filter(amount__gt=0, entry__campaign_id__isnull=False)
        .values_list("entry__created_at", "entry__kind", "entry__campaign_id", "amount")
        .iterator(chunk_size=20_000)
    )
    for created_at, kind, campaign_id, amount in legs:
        for name, delta in counter_deltas(kind=kind, amount=amount).items():
            flows[(month_of(created_at), campaign_id)][name] += delta
    return flows


def flows_rebuild() -> int:
    """Replace every stored month by the journal's sums; returns the rows written. On
    PostgreSQL the table is locked against movements meanwhile (they wait, then add)."""
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(f"LOCK TABLE {FlowMonth._meta.db_table} IN EXCLUSIVE MODE")
        FlowMonth.objects.all().delete()
        flows = flows_from_journal()
        FlowMonth.objects.bulk_create(
            (
                FlowMonth(month=month, campaign_id=campaign_id, **{n: sums[n] for n in COUNTERS})
                for (month, campaign_id), sums in flows.items()
            ),
            batch_size=5_000,
        )
    return len(flows)
