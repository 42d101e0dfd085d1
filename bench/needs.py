"""In-kind pages by region: /wilayah/<code>/, /kebutuhan/?region= and /api/v1/needs?region= over
100,000 generated needs, on PostgreSQL and on SQLite in the same run; and the region load time.

Run from the repository root: `.venv/bin/python bench/needs.py --help`.

For each database (`--db both`, the default, does PostgreSQL then SQLite), a child process of
this script, with its own Django set-up:
1. migrates a fresh database: PostgreSQL `gotong_bench_needs_<pid>` on 127.0.0.1, or a SQLite
   file in a temp GOTONG_VAR_DIR (DEBUG off, as in production, so `collectstatic` too);
2. loads every Kemendagri region with `regions_load()` (timed: the region load time);
3. bulk-inserts, through the ORM (`bulk_create`, not the services), `--needs` needs by 2,000
   posters in desa/kelurahan of every province, weighted so that Jawa Barat, Jawa Timur and
   Sulawesi Selatan hold about half of them (and Kalimantan Utara and Papua Barat Daya few),
   clustered in some kabupaten per province; each need has 1-4 item lines of the catalogue
   with pledged and delivered quantities; 80% open, the rest fulfilled, expired, closed or in
   review, created over the past year (open ones in the past 60 days); and one offer per 50
   needs, serving 1-3 regions of any level, 85% open; seeded by `--seed`; then VACUUM
   ANALYZE on PostgreSQL (as autovacuum would have done after so many inserts, so index-only
   scans find the visibility map set), ANALYZE on SQLite;
4. GETs a fixed set of URLs through Django's test client (in process: middleware, template or
   JSON, no HTTP server): /wilayah/<code>/ of the three provinces with the most open needs,
   of the two with the fewest, of the biggest province's biggest kabupaten and of the desa
   with the most; /kebutuhan/?region=<biggest province> (plain, `&item=masker`, `&halaman=50`),
   /kebutuhan/ and /api/v1/needs?region=<biggest province>; each twice to warm up, once to
   count its SQL queries, then `--repeat` times timed; any answer but 200 fails the run;
5. on PostgreSQL, for every URL whose p95 is above `--explain` ms, prints the slowest SQL
   query of one request with its plan (EXPLAIN (ANALYZE, BUFFERS)).
Printed per database: region load, insert and (VACUUM) ANALYZE times; per URL the SQL
queries of one request, median and p95 in milliseconds; then a summary with median and p95
over all samples, per database. Everything is removed at the end (unless `--keep`).
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import json
import random
import statistics
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Iterator
from itertools import accumulate
from pathlib import Path
from typing import Any

import common

SMOKE = {"needs": 300, "repeat": 1, "db": "both", "timeout": 300}
POSTERS = 2_000
NEEDS_PER_OFFER = 50
BATCH = 5_000

# Provinces by code: share of the needs, relative to 1 for every province not named here.
PROVINCE_WEIGHTS = {
    "32": 20,  # Jawa Barat
    "35": 18,  # Jawa Timur
    "73": 14,  # Sulawesi Selatan
    "33": 8,  # Jawa Tengah
    "31": 5,  # DKI Jakarta
    "36": 4,  # Banten
    "12": 4,  # Sumatera Utara
    "65": 0.25,  # Kalimantan Utara
    "96": 0.25,  # Papua Barat Daya
}
STATUSES = [("open", 80), ("fulfilled", 8), ("expired", 5), ("closed", 4), ("in_review", 3)]
URGENCIES = [("biasa", 60), ("mendesak", 30), ("darurat", 10)]
# Catalogue items: (share of the lines, smallest and largest quantity of a line).
ITEMS = {
    "paket_sembako": (20, 10, 300),
    "beras": (15, 25, 2_000),
    "masker": (12, 50, 2_000),
    "air_bersih": (10, 500, 20_000),
    "obat_obatan": (10, 5, 100),
    "hand_sanitizer": (8, 5, 200),
    "apd": (6, 5, 100),
    "relawan": (5, 10, 400),
    "bantuan_pekerja_informal": (5, 5, 200),
    "penyemprotan_disinfektan": (4, 1, 10),
    "lainnya": (5, 1, 100),
}
OTHER_ITEMS = [("Terpal", "lembar"), ("Popok bayi", "bungkus"), ("Selimut", "lembar"),
               ("Susu formula", "kaleng"), ("Tikar", "lembar"), ("Genset", "unit")]  # fmt: skip
GROUPS = ["warga isolasi mandiri", "lansia", "balita dan ibu hamil", "korban banjir",
          "pengungsi longsor", "kader posyandu", "nelayan", "pengemudi ojek daring",
          "pedagang pasar", "santri pondok", "penyandang disabilitas"]  # fmt: skip
STORIES = [
    "Sudah dua minggu warga tidak bisa bekerja dan persediaan di rumah menipis.",
    "Posko desa mencatat kebutuhan ini bersama pengurus RT dan bidan desa.",
    "Air sungai naik sejak malam dan sebagian rumah masih tergenang.",
    "Bantuan akan dibagikan di balai desa dan dicatat per keluarga.",
    "Kader posyandu tetap melayani ibu dan balita setiap pekan.",
    "Harga kebutuhan pokok naik sementara penghasilan harian turun.",
]


def parse_args() -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--needs", type=int, default=100_000, help="needs [100000]")
    p.add_argument("--repeat", type=int, default=20, help="timed requests per URL [20]")
    p.add_argument("--db", choices=["both", "postgres", "sqlite"], default="both")
    p.add_argument("--seed", type=int, default=7, help="seed for the generated needs [7]")
    p.add_argument(
        "--explain",
        type=float,
        default=100,
        help="PostgreSQL: show the plan of the slowest query of URLs slower (p95) than this "
        "many ms [100; 0: never]",
    )
    p.add_argument("--timeout", type=int, default=3600, help="global timeout, seconds [3600]")
    p.add_argument("--keep", action="store_true", help="keep the temp dir and database")
    p.add_argument("--child", choices=["postgres", "sqlite"], help=argparse.SUPPRESS)
    p.add_argument("--database-url", help=argparse.SUPPRESS)
    p.add_argument("--var-dir", help=argparse.SUPPRESS)
    return common.parse_args_smoke(p, SMOKE)


# --- Generated needs and offers ------------------------------------------------------------


def _pick(rng: random.Random, weighted: list[tuple[str, float]]) -> str:
    return rng.choices([k for k, _ in weighted], [w for _, w in weighted])[0]


def _phone(rng: random.Random) -> str:
    return f"628{rng.choice('12578')}{rng.randrange(10**9):09d}"


@contextlib.contextmanager
def dates_as_given(*models: type) -> Iterator[None]:
    """Turn `auto_now_add` off on the models' `created_at` while inserting, so the generated
    dates are stored instead of now."""
    fields = [model._meta.get_field("created_at") for model in models]
    for field in fields:
        field.auto_now_add = False
    try:
        yield
    finally:
        for field in fields:
            field.auto_now_add = True


class Maker:
    """Generated rows. Places: a province by PROVINCE_WEIGHTS, a kabupaten of it by a
    heavy-tailed weight of its own (a few kabupaten hit hard), then any desa of it."""

    def __init__(self, rng: random.Random) -> None:
        from gotong.inkind.catalogue import Item, unit_of
        from gotong.regions.models import Region, RegionLevel

        self.rng = rng
        self.units = {item: unit_of(item) for item in ITEMS}
        self.labels = {item: str(Item(item).label) for item in ITEMS}
        self.names: dict[str, str] = {}
        villages: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
        rows = Region.objects.filter(level=RegionLevel.VILLAGE).values_list("code", "name")
        for code, name in rows.order_by("code"):
            self.names[code] = name
            villages[code[:2]][code[:5]].append(code)
        self.provinces = sorted(villages)
        self.province_weights = list(accumulate(PROVINCE_WEIGHTS.get(p, 1) for p in self.provinces))
        self.regencies = {p: sorted(villages[p]) for p in self.provinces}
        self.regency_weights = {
            p: list(accumulate(rng.paretovariate(1.2) for _ in self.regencies[p]))
            for p in self.provinces
        }
        self.villages = {k: v for p in self.provinces for k, v in villages[p].items()}

    def desa(self) -> str:
        rng = self.rng
        province = rng.choices(self.provinces, cum_weights=self.province_weights)[0]
        regency = rng.choices(self.regencies[province], cum_weights=self.regency_weights[province])
        return rng.choice(self.villages[regency[0]])

    def served(self) -> str:
        """A region an offer serves: a province, kabupaten, kecamatan or desa."""
        return self.desa()[: self.rng.choices([2, 5, 8, 13], [2, 4, 3, 1])[0]]

    def lines(self, status: str) -> list[dict[str, Any]]:
        """1-4 item lines (distinct items) with quantities as a need of `status` has them."""
        rng = self.rng
        items = list(ITEMS)
        chosen = rng.sample(items, k=rng.randint(1, 4), counts=[ITEMS[i][0] for i in items])
        lines = []
        for item in dict.fromkeys(chosen):
            _, low, high = ITEMS[item]
            quantity = rng.randint(low, high)
            if status == "fulfilled":
                pledged = delivered = quantity
            elif status == "in_review" or rng.random() < 0.5:
                pledged = delivered = 0
            else:
                pledged = rng.randint(0, quantity)
                delivered = rng.randint(0, pledged)
            other, unit = rng.choice(OTHER_ITEMS) if item == "lainnya" else ("", self.units[item])
            lines.append(
                {
                    "item": item,
                    "item_other": other,
                    "unit": unit,
                    "quantity": quantity,
                    "pledged": pledged,
                    "delivered": delivered,
                }
            )
        return lines

    def need(self, poster: int, now: datetime.datetime) -> tuple[Any, list[dict[str, Any]]]:
        """An unsaved need of a random desa, and its lines."""
        from gotong.inkind.models import Need

        rng = self.rng
        status = _pick(rng, STATUSES)
        desa = self.desa()
        days = {"open": 60, "in_review": 3}.get(status, 365)
        created = now - datetime.timedelta(minutes=rng.randint(0, 60 * 24 * days))
        today = now.date()
        if status == "open":
            needed_by = today + datetime.timedelta(days=rng.randint(1, 45))
        elif status == "expired":
            needed_by = today - datetime.timedelta(days=rng.randint(1, 30))
        else:
            needed_by = created.date() + datetime.timedelta(days=rng.randint(3, 60))
        lines = self.lines(status)
        labels = [line["item_other"] or self.labels[line["item"]] for line in lines]
        what = labels[0] if len(labels) == 1 else f"{labels[0]} dan {labels[1]}"
        need = Need(
            poster_id=poster,
            region_id=desa,
            place_detail=f"RT {rng.randint(1, 15):02d} / RW {rng.randint(1, 12):02d}",
            contact_whatsapp=_phone(rng),
            title=f"{what} untuk {rng.choice(GROUPS)} di {self.names[desa]}"[:120],
            story=" ".join(rng.sample(STORIES, 2)),
            people_served=rng.randint(5, 2_000),
            needed_by=needed_by,
            urgency=_pick(rng, URGENCIES),
            status=status,
            created_at=created,
            opened_at=None
            if status == "in_review"
            else created + datetime.timedelta(minutes=rng.randint(1, 600)),
        )
        return need, lines

    def offer(self, i: int, owner: int, now: datetime.datetime) -> Any:
        from gotong.inkind.models import Offer

        rng = self.rng
        standing = rng.random() < 0.2
        return Offer(
            owner_id=owner,
            title=f"Tawaran bantuan warga #{i}",
            description=rng.choice(STORIES),
            available_until=None
            if standing
            else now.date() + datetime.timedelta(days=rng.randint(1, 90)),
            standing=standing,
            contact_whatsapp=_phone(rng),
            status="open" if rng.random() < 0.85 else "closed",
            created_at=now - datetime.timedelta(minutes=rng.randint(0, 60 * 24 * 180)),
        )


def needs_generate(n: int, seed: int) -> tuple[float, Counter]:
    """Bulk-insert POSTERS users, n needs with their lines and n / NEEDS_PER_OFFER offers
    with their regions and lines; returns (seconds, open needs per desa code)."""
    from django.contrib.auth.hashers import make_password
    from django.utils import timezone

    from gotong.accounts.models import User
    from gotong.inkind.models import Need, NeedLine, Offer, OfferLine

    started = time.perf_counter()
    rng = random.Random(seed)
    maker = Maker(rng)
    unusable = make_password(None)
    User.objects.bulk_create(
        User(email=f"warga{i}@bench.gotong.id", password=unusable, display_name=f"Warga {i}")
        for i in range(POSTERS)
    )
    posters = list(User.objects.values_list("id", flat=True))
    now = timezone.localtime()
    open_by_desa: Counter = Counter()
    with dates_as_given(Need, Offer):
        for first in range(0, n, BATCH):
            made = [maker.need(rng.choice(posters), now) for _ in range(min(BATCH, n - first))]
            needs = Need.objects.bulk_create([need for need, _ in made], batch_size=1_000)
            open_by_desa.update(need.region_id for need in needs if need.status == "open")
            NeedLine.objects.bulk_create(
                (NeedLine(need=need, **line) for need, lines in made for line in lines),
                batch_size=2_000,
            )
        offers = Offer.objects.bulk_create(
            (maker.offer(i, rng.choice(posters), now) for i in range(max(1, n // NEEDS_PER_OFFER))),
            batch_size=1_000,
        )
    served = Offer.regions.through
    served.objects.bulk_create(
        (
            served(offer_id=offer.pk, region_id=code)
            for offer in offers
            for code in sorted({maker.served() for _ in range(rng.randint(1, 3))})
        ),
        batch_size=2_000,
    )
    OfferLine.objects.bulk_create(
        (
            OfferLine(
                offer=offer,
                item=line["item"],
                item_other=line["item_other"],
                unit=line["unit"],
                quantity=line["quantity"],
            )
            for offer in offers
            for line in maker.lines("in_review")
        ),
        batch_size=2_000,
    )
    return time.perf_counter() - started, open_by_desa


# --- One database (child process) ----------------------------------------------------------


def targets(open_by_desa: Counter) -> list[tuple[str, str]]:
    """(label, URL) of the measured requests, chosen from where the open needs are."""
    provinces: Counter = Counter()
    regencies: Counter = Counter()
    for desa, n in open_by_desa.items():
        provinces[desa[:2]] += n
        regencies[desa[:5]] += n
    ranked = [code for code, _ in provinces.most_common()]
    big = ranked[0]
    regency = max((c for c in regencies if c.startswith(f"{big}.")), key=regencies.__getitem__)
    desa = open_by_desa.most_common(1)[0][0]
    urls = [(f"province {c} ({provinces[c]} open)", f"/wilayah/{c}/") for c in ranked[:3]]
    urls += [(f"small province {c} ({provinces[c]})", f"/wilayah/{c}/") for c in ranked[-2:]]
    urls += [
        (f"kabupaten {regency} ({regencies[regency]})", f"/wilayah/{regency}/"),
        (f"desa {desa} ({open_by_desa[desa]})", f"/wilayah/{desa}/"),
        (f"needs of province {big}", f"/kebutuhan/?region={big}"),
        (f"needs of {big}, masker", f"/kebutuhan/?region={big}&item=masker"),
        (f"needs of {big}, page 50", f"/kebutuhan/?region={big}&halaman=50"),
        ("needs, no region", "/kebutuhan/"),
        (f"API needs of {big}", f"/api/v1/needs?region={big}"),
    ]
    return urls + OPEN_DATA


# Open data of in-kind aid (decision 38), read from the rollup `open_data_rebuild` wrote.
OPEN_DATA = [
    ("in-kind API by item", "/api/v1/stats/in-kind?by=item"),
    ("in-kind API by month", "/api/v1/stats/in-kind?by=month"),
    ("in-kind API, province, masker", "/api/v1/stats/in-kind?by=province&item=masker"),
    ("in_kind_monthly.csv", "/data/in_kind_monthly.csv"),
]


def open_data_cold(client: Any, repeat: int) -> None:
    """The open data URLs computed afresh (the cache emptied before each request), as after
    every in-kind move: their median and p95."""
    from django.core.cache import cache

    for label, url in OPEN_DATA:
        times = []
        for _ in range(max(3, repeat // 4)):
            cache.clear()
            started = time.perf_counter()
            client.get(url)
            times.append(1000 * (time.perf_counter() - started))
        p95 = common.percentile(times, 95)
        median = statistics.median(times)
        print(f"{'(cold) ' + label:<34}{url[:41]:<42}{'':>8}{median:>9.1f}{p95:>9.1f}")


def explain(connection, queries: list[dict[str, str]]) -> None:
    """Print the slowest of one request's queries with its plan (PostgreSQL)."""
    slowest = max(queries, key=lambda q: float(q["time"]))
    print(f"    slowest query ({1000 * float(slowest['time']):.1f} ms): {slowest['sql']}")
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + slowest["sql"])
        for (line,) in cursor.fetchall():
            print(f"    | {line}")


def child(args: argparse.Namespace) -> int:
    common.child_django_setup(database_url=args.database_url, var_dir=args.var_dir)
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from gotong.inkind.rollup import aid_months_rebuild
    from gotong.regions.services import regions_load

    started = time.perf_counter()
    loaded = regions_load()
    regions_s = time.perf_counter() - started
    insert_s, open_by_desa = needs_generate(args.needs, args.seed)
    started = time.perf_counter()
    rollup_rows = aid_months_rebuild()
    rollup_s = time.perf_counter() - started
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    analyze_s = time.perf_counter() - started
    print(f"{args.child}: {loaded.total} regions loaded in {regions_s:.1f} s; ", end="")
    print(f"{args.needs} needs inserted in {insert_s:.1f} s; ", end="")
    print(f"in-kind rollup rebuilt ({rollup_rows} rows) in {rollup_s:.1f} s; ", end="")
    print(f"(VACUUM) ANALYZE {analyze_s:.1f} s")
    print(f"{'request':<34}{'URL':<42}{'queries':>8}{'med ms':>9}{'p95 ms':>9}")
    client = Client()
    checks = common.Checks()
    samples: list[float] = []
    for label, url in targets(open_by_desa):
        for _ in range(2):
            client.get(url)
        with CaptureQueriesContext(connection) as captured:
            statuses = Counter([client.get(url).status_code])
        # Copied now: the next request clears the connection's query log.
        queries = list(captured.captured_queries)
        times = []
        for _ in range(args.repeat):
            started = time.perf_counter()
            statuses[client.get(url).status_code] += 1
            times.append(1000 * (time.perf_counter() - started))
        checks.expect(set(statuses) == {200}, f"{args.child}: GET {url} answered {dict(statuses)}")
        samples += times
        p95 = common.percentile(times, 95)
        print(f"{label:<34}{url:<42}{len(queries):>8}{statistics.median(times):>9.1f}{p95:>9.1f}")
        if args.child == "postgres" and args.explain and p95 > args.explain:
            explain(connection, queries)
    open_data_cold(client, args.repeat)
    summary = {
        "db": args.child,
        "regions_s": regions_s,
        "insert_s": insert_s,
        "median_ms": statistics.median(samples),
        "p95_ms": common.percentile(samples, 95),
        "samples": len(samples),
    }
    print("RESULT " + json.dumps(summary))
    return checks.exit_code(f"{args.child} checks")


# --- Both databases (parent) ---------------------------------------------------------------


def main() -> int:
    args = parse_args()
    sys.stdout.reconfigure(line_buffering=True)  # type: ignore[union-attr]
    if args.child:
        return child(args)
    common.arm_global_timeout(args.timeout)
    print(f"{args.needs} needs, {args.repeat} timed requests per URL\n")
    results = common.children_run(
        script=str(Path(__file__).resolve()),
        kind="needs",
        databases=("postgres", "sqlite") if args.db == "both" else (args.db,),
        extra=[
            "--needs",
            str(args.needs),
            "--repeat",
            str(args.repeat),
            "--seed",
            str(args.seed),
            "--explain",
            str(args.explain),
        ],
        keep=args.keep,
    )
    print(f"{'database':<10}{'regions s':>10}{'insert s':>10}{'median ms':>11}{'p95 ms':>8}")
    for r in results:
        print(
            f"{r['db']:<10}{r['regions_s']:>10.1f}{r['insert_s']:>10.1f}"
            f"{r['median_ms']:>11.1f}{r['p95_ms']:>8.1f}"
        )
    return 0 if len(results) == (2 if args.db == "both" else 1) else 1


if __name__ == "__main__":
    sys.exit(main())
