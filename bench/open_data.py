"""Open data latency: /data/, its files and the stats API over 100,000 campaigns and 1,000,000
settled donations, on PostgreSQL and on SQLite in the same run.

Run from the repository root: `.venv/bin/python bench/open_data.py --help`.

For each database (`--db both`, the default), a child process of this script, with its own
Django set-up (DEBUG off, a fresh database, migrated):
1. bulk-inserts 34 provinces of 15 kabupaten each, `--campaigns` published campaigns spread
   over them and over the categories, then `--donations` journal entries of settled
   donations spread over them and over the last 12 months, and the month rollup
   (`ledger.FlowMonth`) those entries add up to, in SQL (the movement writer would take
   hours; what the pages read is the rollup, the campaign rows and the journal's last id);
2. times each target `--repeat` times through Django's test client, two ways: *warm* (the
   data's version unchanged, so the cached answer), and *cold* (a new journal entry before
   each request: what every request sees while donations settle, the cache key moved on).
Printed per database and target: median and p95 in milliseconds, warm and cold.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import time
from pathlib import Path

import common

TARGETS = [
    ("page /data/", "/data/"),
    ("flows_monthly.json", "/data/flows_monthly.json"),
    ("datapackage.json", "/data/datapackage.json"),
    ("stats flows by month", "/api/v1/stats/flows?by=month"),
    ("stats flows by category", "/api/v1/stats/flows?by=category"),
    ("stats flows by province", "/api/v1/stats/flows?by=province&from=2026-01"),
]
SMOKE = {"campaigns": 200, "donations": 2_000, "repeat": 2, "timeout": 300}


def parse_args() -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--campaigns", type=int, default=100_000, help="campaigns [100000]")
    p.add_argument("--donations", type=int, default=1_000_000, help="donations [1000000]")
    p.add_argument("--repeat", type=int, default=20, help="timed requests per target and way [20]")
    p.add_argument("--db", choices=["both", "postgres", "sqlite"], default="both")
    p.add_argument("--seed", type=int, default=11, help="seed [11]")
    p.add_argument("--timeout", type=int, default=3600, help="global timeout, seconds [3600]")
    p.add_argument("--keep", action="store_true", help="keep the temp dir and database")
    p.add_argument("--child", choices=["postgres", "sqlite"], help=argparse.SUPPRESS)
    p.add_argument("--database-url", help=argparse.SUPPRESS)
    p.add_argument("--var-dir", help=argparse.SUPPRESS)
    return common.parse_args_smoke(p, SMOKE)


def seed(campaigns: int, donations: int, rng: random.Random) -> float:
    """Campaigns, settled-donation journal entries and their month rollup; returns seconds."""
    import datetime

    from django.db import connection, transaction
    from django.utils import timezone

    from gotong.accounts.models import User
    from gotong.campaigns.models import Campaign, CampaignStatus, Category
    from gotong.ledger.models import FlowMonth, JournalEntry
    from gotong.opendata.charts import months_back
    from gotong.regions.models import Region, RegionKind, RegionLevel

    started = time.perf_counter()
    # 34 provinces of 15 kabupaten each (the real table is loaded by regions_load; only codes
    # and names matter here, and its 91,599 rows would cost a smoke run half a minute).
    provinces = [
        Region(
            code=f"{11 + p}",
            name=f"Provinsi {p}",
            level=RegionLevel.PROVINCE,
            kind=RegionKind.PROVINSI,
            path=f"Provinsi {p}",
        )
        for p in range(34)
    ]
    Region.objects.bulk_create(provinces)
    Region.objects.bulk_create(
        Region(
            code=f"{province.code}.{k + 1:02d}",
            name=f"Kabupaten {k}",
            level=RegionLevel.REGENCY,
            kind=RegionKind.KABUPATEN,
            parent=province,
            path=f"Kabupaten {k}, {province.name}",
        )
        for province in provinces
        for k in range(15)
    )
    kabupaten = list(
        Region.objects.filter(level=RegionLevel.REGENCY).values_list("code", flat=True)
    )
    owner = User.objects.create_user("bench-data@contoh.id", None, display_name="Bench")
    now, today = timezone.now(), timezone.localdate()
    months = months_back(count=12)
    Campaign.objects.bulk_create(
        (
            Campaign(
                slug=f"bench-data-{i}",
                owner=owner,
                title=f"Kampanye {i}",
                story="Cerita",
                beneficiary="Warga",
                category=rng.choice(Category.values),
                region_id=rng.choice(kabupaten),
                target=100_000_000,
                deadline=today + datetime.timedelta(days=90),
                status=CampaignStatus.PUBLISHED,
                published_at=now,
            )
            for i in range(campaigns)
        ),
        batch_size=5_000,
    )
    ids = list(Campaign.objects.values_list("id", flat=True))
    sums: dict[tuple[datetime.date, int], list[int]] = {}
    entries = []
    with transaction.atomic():
        for n in range(donations):
            campaign_id, month = rng.choice(ids), rng.choice(months)
            amount = rng.choice((10_000, 25_000, 50_000, 100_000, 250_000))
            cell = sums.setdefault((month, campaign_id), [0, 0, 0])
            cell[0] += amount
            cell[1] += 1
            cell[2] += amount // 20
            entries.append(
                JournalEntry(
                    kind="donation_settled",
                    memo="bench",
                    idempotency_key=f"bench:{n}",
                    campaign_id=campaign_id,
                )
            )
            if len(entries) == 20_000:
                JournalEntry.objects.bulk_create(entries, batch_size=5_000)
                entries = []
        JournalEntry.objects.bulk_create(entries, batch_size=5_000)
        FlowMonth.objects.bulk_create(
            (
                FlowMonth(month=m, campaign_id=c, collected=v[0], donor_count=v[1], fees=v[2])
                for (m, c), v in sums.items()
            ),
            batch_size=5_000,
        )
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    return time.perf_counter() - started


def _timed(client, url: str, repeat: int, before=None) -> list[float]:
    samples = []
    for _ in range(repeat):
        if before:
            before()
        started = time.perf_counter()
        response = client.get(url)
        samples.append(1000 * (time.perf_counter() - started))
        assert response.status_code == 200, (url, response.status_code)
    return samples


def child(args: argparse.Namespace) -> int:
    common.child_django_setup(database_url=args.database_url, var_dir=args.var_dir)
    from django.test import Client

    from gotong.ledger.models import FlowMonth, JournalEntry

    load = seed(args.campaigns, args.donations, random.Random(args.seed))
    rows = FlowMonth.objects.count()
    print(f"{args.child}: {args.campaigns} campaigns, {args.donations} donations, {rows} rollup")
    print(f"rows, loaded in {load:.1f} s")
    print(f"{'target':<26}{'warm med':>10}{'warm p95':>10}{'cold med':>10}{'cold p95':>10}")
    client = Client()
    counter = iter(range(10**9))

    def new_entry() -> None:
        JournalEntry.objects.create(
            kind="donation_settled", memo="bench", idempotency_key=f"bench:new:{next(counter)}"
        )

    summary: dict[str, object] = {"db": args.child, "load_s": load, "targets": {}}
    worst = 0.0
    for label, url in TARGETS:
        _timed(client, url, 2)
        warm = _timed(client, url, args.repeat)
        cold = _timed(client, url, args.repeat, before=new_entry)
        figures = [
            statistics.median(warm),
            common.percentile(warm, 95),
            statistics.median(cold),
            common.percentile(cold, 95),
        ]
        worst = max(worst, figures[3])
        print(f"{label:<26}" + "".join(f"{f:>10.1f}" for f in figures))
        summary["targets"][label] = figures  # type: ignore[index]
    summary["worst_cold_p95_ms"] = worst
    print("RESULT " + json.dumps(summary))
    return 0


def main() -> int:
    args = parse_args()
    sys.stdout.reconfigure(line_buffering=True)  # type: ignore[union-attr]
    if args.child:
        return child(args)
    common.arm_global_timeout(args.timeout)
    print(f"{args.campaigns} campaigns, {args.donations} donations, {args.repeat} requests\n")
    results = common.children_run(
        script=str(Path(__file__).resolve()),
        kind="data",
        databases=("postgres", "sqlite") if args.db == "both" else (args.db,),
        extra=[
            "--campaigns",
            str(args.campaigns),
            "--donations",
            str(args.donations),
            "--repeat",
            str(args.repeat),
            "--seed",
            str(args.seed),
        ],
        keep=args.keep,
    )
    print(f"{'database':<10}{'load s':>8}{'worst cold p95 ms':>20}")
    for r in results:
        print(f"{r['db']:<10}{r['load_s']:>8.1f}{r['worst_cold_p95_ms']:>20.1f}")
    return 0 if len(results) == (2 if args.db == "both" else 1) else 1


if __name__ == "__main__":
    sys.exit(main())
