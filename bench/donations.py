"""Settled donations per second on ONE hot campaign: the Midtrans notification endpoint under
gunicorn on PostgreSQL, beside the same transaction written as plain SQL (psycopg), in the same
run; with `--campaigns N`, also N campaigns settling at once (the same senders and donations
split over them); with `--compare REV`, also the endpoint of another git revision.

Run from the repository root: `.venv/bin/python bench/donations.py --help`. The plain-SQL
statements live in bench/donations_raw.py, and only there.
"""

from __future__ import annotations

import argparse
import hashlib
import http.client
import json
import os
import queue
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import common
import psycopg
from donations_raw import RawPlan, count_statements, sql_worker

AMOUNT = 50_000
NOTIFY_PATH = "/payments/midtrans/notification"
JSON = {"Content-Type": "application/json"}
STOP = threading.Event()

COUNT_SETTLED = (
    "SELECT count(*) FROM donations_donation WHERE order_id LIKE %s AND status='settled'"
)
SHOW = ("server_version", "fsync", "synchronous_commit")
SMOKE = {
    "donations": 40,
    "rounds": 1,
    "concurrency": 4,
    "workers": 2,
    "threads": 2,
    "warmup": 8,
    "campaigns": 2,
    "timeout": 300,
}


def parse_args() -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--donations", type=int, default=2000, help="per round and path [2000]")
    p.add_argument("--rounds", type=int, default=3, help="rounds per path [3]")
    p.add_argument("--concurrency", type=int, default=16, help="concurrent senders [16]")
    p.add_argument(
        "--campaigns",
        type=int,
        default=1,
        help="N > 1 adds a row per path with N hot campaigns settling at once: the same "
        "senders and donations per round, split evenly over N campaigns [1]",
    )
    p.add_argument("--warmup", type=int, default=64, help="warm-up notifications per app [64]")
    p.add_argument("--workers", type=int, default=4, help="gunicorn workers [4 = 2 x cores]")
    p.add_argument(
        "--threads",
        type=int,
        default=2,
        help="gunicorn threads per worker [2, as docs/architecture.md recommends]",
    )
    p.add_argument("--conn-max-age", type=int, default=60, help="DB_CONN_MAX_AGE for the app [60]")
    p.add_argument(
        "--db-name",
        default=common.db_name(),
        help="dropped and created; with --compare also <name>_cmp [gotong_bench_<pid>]",
    )
    p.add_argument(
        "--compare",
        metavar="REV",
        help="also run the endpoint of git revision REV (a temporary worktree, its own gunicorn "
        "and database) in the same rounds: paths before (REV), after (this checkout), raw",
    )
    p.add_argument("--timeout", type=int, default=900, help="global timeout, seconds [900]")
    p.add_argument("--keep", action="store_true", help="keep the database and the temp dir")
    args = common.parse_args_smoke(p, SMOKE)
    if not 1 <= args.campaigns <= min(args.concurrency, 26):
        p.error("--campaigns takes 1 up to --concurrency (and at most 26)")
    if args.donations < args.campaigns:
        p.error("--donations must be at least --campaigns")
    return args


def order_ids(tag: str, n: int) -> list[str]:
    return [f"BENCH-{tag}-{i:05d}" for i in range(n)]


def notification_body(order_id: str, server_key: str) -> str:
    """A signed Midtrans `settlement` notification, as tests/midtrans.py builds it."""
    gross = f"{AMOUNT}.00"
    signature = hashlib.sha512(f"{order_id}200{gross}{server_key}".encode()).hexdigest()
    return json.dumps(
        {
            "transaction_time": "2026-11-27 10:00:00",
            "transaction_status": "settlement",
            "transaction_id": str(uuid.uuid4()),
            "status_message": "midtrans payment notification",
            "status_code": "200",
            "signature_key": signature,
            "payment_type": "qris",
            "order_id": order_id,
            "merchant_id": "G000000000",
            "gross_amount": gross,
            "fraud_status": "accept",
            "currency": "IDR",
        }
    )


LOCK_SAMPLE = """SELECT count(*) FILTER (WHERE state = 'active'),
    count(*) FILTER (WHERE state = 'active' AND wait_event_type = 'Lock')
    FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()"""


class LockWaits:
    """While a row runs, every 10 ms: how many of the database's backends are running a
    statement and how many of those wait for a lock another transaction holds (a row lock on
    a donation, an account or a campaign). Their ratio is the share of the work that queues
    behind a hot row: what a second hot campaign can win back, if the cores are there."""

    def __init__(self, dsn: str, db: str) -> None:
        self.dsn, self.db = dsn, db
        self.active = self.waiting = 0
        self.done = threading.Event()
        self.thread = threading.Thread(target=self._sample, daemon=True)
        self.thread.start()

    def _sample(self) -> None:
        with psycopg.connect(self.dsn, autocommit=True) as conn:
            while not self.done.wait(0.01):
                active, waiting = conn.execute(LOCK_SAMPLE, (self.db,)).fetchone()
                self.active += active
                self.waiting += waiting

    def read(self) -> str:
        """The share of running statements that waited on a lock, 8 characters wide."""
        self.done.set()
        self.thread.join()
        return f"{100 * self.waiting / max(self.active, 1):>7.0f}%"


def split(total: int, parts: int) -> list[int]:
    """`total` in `parts` near-equal shares, the larger ones first: split(5, 2) == [3, 2]."""
    return [total // parts + (i < total % parts) for i in range(parts)]


def drain(lanes: list[tuple[list, list[Callable]]]) -> tuple[float, Counter]:
    """Each lane is (items, handlers): one thread per handler takes that lane's items until none
    are left. All lanes start together; (seconds until the last thread ends, tally of results)."""
    tally, lock = Counter(), threading.Lock()

    def loop(work: queue.SimpleQueue, handle: Callable) -> None:
        mine: Counter = Counter()
        while not STOP.is_set():
            try:
                item = work.get_nowait()
            except queue.Empty:
                break
            mine[handle(item)] += 1
        with lock:
            tally.update(mine)

    threads = []
    for items, handlers in lanes:
        work: queue.SimpleQueue = queue.SimpleQueue()
        for item in items:
            work.put(item)
        threads += [threading.Thread(target=loop, args=(work, h), daemon=True) for h in handlers]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return time.perf_counter() - start, tally


def sender(url: str) -> Callable[[tuple[str, str]], str]:
    """POST one notification over this thread's keep-alive connection; '<status> <outcome>'.
    http.client rather than requests: the senders share the 2 cores with the server, and
    requests costs about three times the CPU per POST."""
    parts = urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)

    def send(item: tuple[str, str]) -> str:
        try:
            conn.request("POST", parts.path, body=item[1].encode(), headers=JSON)
            r = conn.getresponse()
            body = r.read()
            outcome = json.loads(body).get("outcome", "?") if r.status < 500 else ""
            return f"{r.status} {outcome}"
        except (OSError, http.client.HTTPException, ValueError) as exc:
            conn.close()
            return type(exc).__name__

    return send


@dataclass(frozen=True)
class Row:
    """One measured line of the table: a path (endpoint, before, after or raw) settling on one
    hot campaign, or on `campaigns` campaigns at once."""

    path: str
    campaigns: int = 1

    @property
    def name(self) -> str:
        return self.path if self.campaigns == 1 else f"{self.path} x{self.campaigns}"

    @property
    def good(self) -> str:
        """The one result a working run tallies for each donation of this row."""
        return "applied" if self.path == "raw" else "200 applied"

    def campaign_keys(self) -> list[str]:
        """The seeded campaigns of this row (slug `bench-<key>`)."""
        if self.campaigns == 1:
            return [self.path]
        return [f"{self.path}-{self.campaigns}{chr(97 + i)}" for i in range(self.campaigns)]

    def tags(self, r: int) -> list[str]:
        """Order-id tags of round r's donations, one per campaign: E0, R0, B0, A0, or with
        several campaigns E0A, E0B, ..."""
        tag = f"{self.path[0].upper()}{r}"
        return (
            [tag] if self.campaigns == 1 else [f"{tag}{chr(65 + i)}" for i in range(self.campaigns)]
        )


@dataclass
class App:
    """One endpoint under test: a source tree served by its own gunicorn on its own database.
    Its Django runs only in subprocesses (gunicorn, manage.py, bench/donations_tree.py), so two
    revisions never meet in one interpreter."""

    path: str  # the row name: "endpoint", or "after" / "before" with --compare
    label: str  # the row label of the summary
    tree: Path
    db: str
    env: dict[str, str]
    server: common.Gunicorn
    groups: dict[str, tuple[str, int]]  # order-id tag -> (campaign key, how many)
    warmup: list[str] = field(default_factory=list)  # tags of the warm-up donations
    seeded: dict = field(default_factory=dict)  # what donations_tree.py seed returned
    signed: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # tag -> bodies

    @property
    def dsn(self) -> str:
        return common.pg_url(self.db)

    def in_tree(self, action: str, arg: str) -> dict:
        """bench/donations_tree.py run in this tree with this app's environment."""
        script = common.ROOT / "bench" / "donations_tree.py"
        done = subprocess.run(
            [str(common.BIN / "python"), str(script), action, arg],
            cwd=self.tree,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=600,
        )
        if done.returncode != 0:
            raise RuntimeError(f"donations_tree.py {action} in {self.tree}:\n{done.stderr[-3000:]}")
        return json.loads(done.stdout.strip().splitlines()[-1])

    def prepare(self, raw: list[str]) -> None:
        """Create the database, migrate it with this tree's migrations, seed it, and sign every
        notification with the server key this tree's settings use (before any clock starts)."""
        common.pg_recreate(self.db)
        migrated = common.manage(self.env, "migrate", "--noinput", cwd=self.tree, check=False)
        if migrated.returncode != 0:
            raise RuntimeError(f"migrate in {self.tree}:\n{migrated.stderr[-3000:]}")
        spec = {"groups": self.groups, "raw": raw}
        self.seeded = self.in_tree("seed", json.dumps(spec))
        source = Path(self.seeded["source"]).resolve()
        if not source.is_relative_to(self.tree.resolve()):
            raise RuntimeError(f"{self.tree} imported gotong from {source}, not from its own tree")
        key = self.seeded["server_key"]
        self.signed = {
            tag: [(o, notification_body(o, key)) for o in order_ids(tag, count)]
            for tag, (_, count) in self.groups.items()
        }


def add_rounds(groups: dict[str, tuple[str, int]], row: Row, args: argparse.Namespace) -> None:
    """Each round's donations of `row`: --donations, split over the row's campaigns."""
    for r in range(args.rounds):
        shares = split(args.donations, row.campaigns)
        for tag, key, n in zip(row.tags(r), row.campaign_keys(), shares, strict=True):
            groups[tag] = (key, n)


def make_app(
    args: argparse.Namespace,
    *,
    path: str,
    label: str,
    tree: Path,
    db: str,
    var_dir: Path,
    rows: list[Row],
) -> App:
    port = common.free_port()
    app_var = var_dir / path
    app_var.mkdir()
    env = common.app_env(
        var_dir=app_var, database_url=common.pg_url(db), settings="config.settings", port=port
    )
    env["DB_CONN_MAX_AGE"] = str(args.conn_max_age)
    log = var_dir / f"server-{path}.log"
    server = common.Gunicorn(
        env=env, port=port, workers=args.workers, threads=args.threads, log=log, cwd=tree
    )
    groups = {"Q": (path, 1)}  # the statement count
    warmup = []
    for row in rows:  # warm-up: every campaign gets some, so each has its accounts before
        for i, (key, n) in enumerate(
            zip(row.campaign_keys(), split(args.warmup, row.campaigns), strict=True)
        ):
            tag = "W" if row.campaigns == 1 else f"W{row.campaigns}{chr(65 + i)}"
            groups[tag] = (key, max(n, 1))
            warmup.append(tag)
        add_rounds(groups, row, args)
    return App(path, label, tree, db, env, server, groups, warmup)


def checkout_state() -> str:
    """HEAD of the checkout and whether the app's files differ from it (others may be editing)."""
    head = common.git("log", "-1", "--format=%h %s")
    changed = common.git("diff", "--name-only", "HEAD", "--", "gotong", "config", "manage.py")
    n = len(changed.splitlines())
    return f"HEAD {head}" + (f" + uncommitted changes in {n} app file(s)" if n else "")


def main() -> int:
    args = parse_args()
    sys.stdout.reconfigure(line_buffering=True)
    common.arm_global_timeout(args.timeout)
    n, db, k = args.donations, args.db_name, args.campaigns
    checks = common.Checks()
    var_dir = Path(tempfile.mkdtemp(prefix="gotong-bench-"))
    worktree: Path | None = None
    apps: list[App] = []

    def rows_of(path: str) -> list[Row]:
        return [Row(path)] + ([Row(path, k)] if k > 1 else [])

    try:
        endpoint = "after" if args.compare else "endpoint"
        label = f"{endpoint}: this checkout" if args.compare else "endpoint"
        apps.append(
            make_app(
                args,
                path=endpoint,
                label=label,
                tree=common.ROOT,
                db=db,
                var_dir=var_dir,
                rows=rows_of(endpoint),
            )
        )
        if args.compare:
            worktree = Path(tempfile.mkdtemp(prefix="gotong-bench-tree-")) / "tree"
            sha = common.worktree_add(args.compare, worktree)
            label = f"before: {sha[:7]}"
            apps.insert(
                0,
                make_app(
                    args,
                    path="before",
                    label=label,
                    tree=worktree,
                    db=f"{db}_cmp",
                    var_dir=var_dir,
                    rows=rows_of("before"),
                ),
            )
        app = apps[-1]  # the checkout's: the raw path's campaigns live in its database
        raw_rows = rows_of("raw")
        app.groups["RQ"] = ("raw", 1)  # the raw path's statement count
        for row in raw_rows:
            add_rounds(app.groups, row, args)
        for each in apps:
            each.prepare(
                raw=[key for row in raw_rows for key in row.campaign_keys()] if each is app else []
            )
        seeded = app.seeded
        plan = RawPlan(
            accounts={int(a["campaign_id"]): a["codes"] for a in seeded["raw"].values()},
            fee_basis_points=seeded["fee_basis_points"],
            fee_zero_categories=frozenset(seeded["fee_zero_categories"]),
        )
        fee = plan.fee(AMOUNT, seeded["category"])
        owner = {each.path: each for each in apps} | {"raw": app}  # whose database, bodies
        with psycopg.connect(app.dsn) as conn:
            pg = [conn.execute(f"SHOW {s}").fetchone()[0] for s in SHOW]
        print(f"PostgreSQL {pg[0]} (fsync={pg[1]}, synchronous_commit={pg[2]}), database {db}")
        print(f"server: {' '.join(app.server.cmd[1:])}")
        print(f"        DEBUG=false DB_CONN_MAX_AGE={args.conn_max_age}; cores: {os.cpu_count()}")
        c = args.concurrency
        print(f"load: {c} senders, {n} donations/round/path, one campaign per path")
        if k > 1:
            print(f"      rows 'x{k}': {k} campaigns settling at once, the same {c} senders split")
            print(f"      {split(c, k)} and {n} donations split {split(n, k)} over them")
        if args.compare:
            before = apps[0]
            print(f"before: {common.git('log', '-1', '--format=%h %s', sha)}")
            print(f"        worktree {before.tree}, database {before.db}, same server settings")
            print(f"after:  this checkout, {checkout_state()}; database {db}")
        print(f"platform fee {fee} on each donation of {AMOUNT}; raw SQL writes it too")
        for each in apps:
            each.server.start(NOTIFY_PATH)

        def run(row: Row, tags: list[str]) -> tuple[float, Counter]:
            """Drain the donations of `tags` (one per campaign of the row), the senders split
            over the campaigns."""
            shares = split(c, len(tags))
            if row.path != "raw":
                url = owner[row.path].server.base + NOTIFY_PATH
                return drain(
                    [
                        (owner[row.path].signed[tag], [sender(url) for _ in range(m)])
                        for tag, m in zip(tags, shares, strict=True)
                    ]
                )
            conns = [psycopg.connect(app.dsn, autocommit=True) for _ in range(c)]
            try:
                workers = iter(sql_worker(conn, plan) for conn in conns)
                return drain(
                    [
                        (app.signed[tag], [next(workers) for _ in range(m)])
                        for tag, m in zip(tags, shares, strict=True)
                    ]
                )
            finally:
                for conn in conns:
                    conn.close()

        for each in apps:
            items = [item for tag in each.warmup for item in each.signed[tag]]
            url = each.server.base + NOTIFY_PATH
            secs, warm = drain([(items, [sender(url) for _ in range(c)])])
            where = f" ({each.path})" if args.compare else ""
            print(
                f"warm-up{where}: {sum(warm.values())} notifications in {secs:.1f}s: {dict(warm)}"
            )
            checks.expect(set(warm) == {"200 applied"}, f"warm-up{where} answered {dict(warm)}")
        counts = [
            f"{each.path} {each.in_tree('count', order_ids('Q', 1)[0])['statements']}"
            for each in apps
        ]
        raw_statements, result = count_statements(app.dsn, app.signed["RQ"][0], plan)
        checks.expect(result == "applied", f"the raw path's statement count gave {result!r}")
        print("statements per settlement, BEGIN/COMMIT included:", end=" ")
        print(f"{', '.join(counts)}, raw SQL {raw_statements}")

        rows = [row for each in apps for row in rows_of(each.path)] + raw_rows
        rates: dict[str, list[float]] = {row.name: [] for row in rows}
        width = max(9, *(len(row.name) + 1 for row in rows))
        print(f"\n{'round':>5}  {'path':<{width}}{'seconds':>8}{'donations/s':>13}", end="")
        print(f"{'settled':>9}  host cpu  bench cpu  locked  tally")
        for r in range(args.rounds):
            for row in rows if r % 2 == 0 else rows[::-1]:
                tags = row.tags(r)
                meter = common.CpuMeter()
                locks = LockWaits(owner[row.path].dsn, owner[row.path].db)
                secs, tally = run(row, tags)
                cpu, locked = meter.read(), locks.read()
                with psycopg.connect(owner[row.path].dsn) as conn:
                    settled = sum(
                        conn.execute(COUNT_SETTLED, (f"BENCH-{tag}-%",)).fetchone()[0]
                        for tag in tags
                    )
                rates[row.name].append(n / secs)
                cells = f"{r + 1:>5}  {row.name:<{width}}{secs:>8.2f}{n / secs:>13.1f}"
                print(f"{cells}{settled:>9}{cpu}{locked}  {dict(tally)}")
                checks.expect(settled == n, f"round {r + 1} {row.name}: {settled} of {n} settled")
                checks.expect(
                    set(tally) == {row.good}, f"round {r + 1} {row.name}: tally {dict(tally)}"
                )

        ledger_ok = True
        for each in apps:
            verify = common.manage(each.env, "verify_ledger", check=False, cwd=each.tree)
            ledger_ok &= checks.expect(verify.returncode == 0, f"verify_ledger of {each.label}")
            if not args.compare:
                print(f"\nverify_ledger (after all rounds of both paths): exit {verify.returncode}")
            else:
                on = f"{each.path} and raw" if each is app else each.path
                print(f"\nverify_ledger of {each.label} (after all rounds of {on}): exit", end=" ")
                print(verify.returncode)
            for line in (verify.stdout + verify.stderr).strip().splitlines():
                print(f"  {line}")
        for each in apps:
            title = f"server log ({each.path})" if args.compare else "server log"
            ignore = f"(GET): {NOTIFY_PATH}"
            common.print_log_report(each.server.log, ignore=ignore, title=title)
            kinds = common.log_problems(each.server.log, ignore)[1]
            checks.expect(not kinds, f"{title}: problem lines {dict(kinds)}")

        med = {name: statistics.median(v) for name, v in rates.items()}
        labels = {}
        for row in rows:
            if row.path == "raw":
                label = f"raw SQL (psycopg, {c} conns)"
            else:
                label = f"{owner[row.path].label} (gunicorn {args.workers}w x {args.threads}t)"
            labels[row.name] = label + (f", {row.campaigns} campaigns" if row.campaigns > 1 else "")
        width = max(34, *(len(x) + 2 for x in labels.values()))
        print(f"\n{'path':<{width}}{'rounds':>6}{'median donations/s':>20}")
        for row in rows:
            print(f"{labels[row.name]:<{width}}{args.rounds:>6}{med[row.name]:>20.1f}")

        def ratio(top: str, bottom: str, what: str = "") -> None:
            per_round = ", ".join(
                f"{a / b:.3f}" for a, b in zip(rates[top], rates[bottom], strict=True)
            )
            of_medians = med[top] / med[bottom]
            print(f"ratio {top}/{bottom}: {of_medians:.3f} of medians; by round {per_round}{what}")

        if args.compare:
            ratio("after", "before")
        ratio(endpoint, "raw")
        if k > 1:
            combined = f" ({k} campaigns at once, combined rate, over one campaign)"
            for path in [each.path for each in apps] + ["raw"]:
                ratio(Row(path, k).name, path, combined)
            if args.compare:
                ratio(Row("after", k).name, Row("before", k).name)
            ratio(Row(endpoint, k).name, Row("raw", k).name)
        if args.smoke:  # every check decides; otherwise, as always, only verify_ledger does
            return checks.exit_code("smoke checks")
        return 0 if ledger_ok else 1
    finally:
        STOP.set()
        for each in apps:
            each.server.stop()
        if worktree is not None:
            if worktree.exists():
                common.worktree_remove(worktree)
            shutil.rmtree(worktree.parent, ignore_errors=True)
        if args.keep:
            dbs = ", ".join(each.db for each in apps)
            print(f"kept database{'s' * (len(apps) > 1)} {dbs} and {var_dir}")
        else:
            for each in apps:
                common.pg_drop(each.db)
            shutil.rmtree(var_dir, ignore_errors=True)


if __name__ == "__main__":
    try:
        sys.exit(main())
    except common.BenchTimeout as exc:
        sys.exit(f"stopped: {exc}")
