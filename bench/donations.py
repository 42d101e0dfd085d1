"""Settled donations per second on ONE campaign: the Midtrans notification endpoint under gunicorn
on PostgreSQL, beside the same transaction written as plain SQL (psycopg), in the same run;
with `--compare REV`, also the endpoint of another git revision, in the same rounds.

Run from the repository root: `.venv/bin/python bench/donations.py --help`.
"""

from __future__ import annotations

import argparse
import hashlib
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

import common
import psycopg
import requests

AMOUNT = 50_000
NOTIFY_PATH = "/payments/midtrans/notification"
JSON = {"Content-Type": "application/json"}
STOP = threading.Event()

# What the endpoint's transaction sends once the campaign's ledger accounts exist (compare with
# the statements printed by `statements_per_settlement`); BEGIN and COMMIT come from psycopg.
LOCK_DONATION = """SELECT id, campaign_id, amount, fee, status, order_id, name, email,
    is_anonymous, message, donor_id, gateway_status, payment_type, gateway_transaction_id,
    payment_token, payment_url, created_at, settled_at, failed_at FROM donations_donation
    WHERE order_id = %s ORDER BY created_at DESC, id DESC LIMIT 1 FOR UPDATE"""
GET_CATEGORY = "SELECT category FROM campaigns_campaign WHERE id = %s LIMIT 21"
SETTLE_DONATION = """UPDATE donations_donation SET status = 'settled', gateway_status = %s,
    payment_type = %s, gateway_transaction_id = %s, settled_at = now(), fee = %s WHERE id = %s"""
GET_ACCOUNT = """SELECT id, code, name, kind, campaign_id, balance FROM ledger_ledgeraccount
    WHERE code = %s LIMIT 21"""
LOCK_ACCOUNTS = """SELECT id, code, name, kind, campaign_id, balance FROM ledger_ledgeraccount
    WHERE id IN ({}) ORDER BY id ASC FOR UPDATE"""
INSERT_ENTRY = """INSERT INTO ledger_journalentry (created_at, kind, memo, idempotency_key,
    campaign_id, donation_id) VALUES (now(), %s, %s, %s, %s, %s) RETURNING id"""
INSERT_POSTINGS = """INSERT INTO ledger_posting (entry_id, account_id, amount)
    VALUES (%s, %s, %s), (%s, %s, %s)"""
MOVE_BALANCE = "UPDATE ledger_ledgeraccount SET balance = balance + %s WHERE id = %s"
BUMP_CAMPAIGN = """UPDATE campaigns_campaign SET collected = collected + %s,
    donor_count = donor_count + 1, fees = fees + %s WHERE id = %s"""
INSERT_NOTIFICATION = """INSERT INTO payments_paymentnotification (received_at, source, gateway,
    raw_body, order_id, transaction_status, outcome, detail, remote_addr) VALUES (now(), 'http',
    'midtrans', %s, %s, 'settlement', 'applied', 'settlement → donation settled', '127.0.0.1')"""
RAW_STATEMENTS = 19  # BEGIN, the 17 statements of settle_sql (fee > 0), COMMIT
COUNT_SETTLED = (
    "SELECT count(*) FROM donations_donation WHERE order_id LIKE %s AND status='settled'"
)
SHOW = ("server_version", "fsync", "synchronous_commit")


def parse_args() -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--donations", type=int, default=2000, help="per round and path [2000]")
    p.add_argument("--rounds", type=int, default=3, help="rounds per path [3]")
    p.add_argument("--concurrency", type=int, default=16, help="concurrent senders [16]")
    p.add_argument("--workers", type=int, default=4, help="gunicorn workers [4 = 2 x cores]")
    p.add_argument("--threads", type=int, default=4, help="gunicorn threads per worker [4]")
    p.add_argument(
        "--conn-max-age",
        type=int,
        default=60,
        help="DB_CONN_MAX_AGE, for --compare revisions older than the pool (decision 16) [60]",
    )
    p.add_argument(
        "--db-name",
        default=f"gotong_bench_{os.getpid()}",
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
    return p.parse_args()


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


def drain(items: list, handlers: list[Callable]) -> tuple[float, Counter]:
    """One thread per handler takes items until none are left; (seconds, tally of results)."""
    work: queue.SimpleQueue = queue.SimpleQueue()
    for item in items:
        work.put(item)
    tally, lock = Counter(), threading.Lock()

    def loop(handle: Callable) -> None:
        mine: Counter = Counter()
        while not STOP.is_set():
            try:
                item = work.get_nowait()
            except queue.Empty:
                break
            mine[handle(item)] += 1
        with lock:
            tally.update(mine)

    threads = [threading.Thread(target=loop, args=(h,), daemon=True) for h in handlers]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return time.perf_counter() - start, tally


def sender(url: str) -> Callable[[tuple[str, str]], str]:
    """POST one notification over this thread's keep-alive session; '<status> <outcome>'."""
    session = requests.Session()

    def send(item: tuple[str, str]) -> str:
        try:
            r = session.post(url, data=item[1], headers=JSON, timeout=30)
            return f"{r.status_code} {r.json().get('outcome', '?') if r.status_code < 500 else ''}"
        except (requests.RequestException, ValueError) as exc:
            return type(exc).__name__

    return send


@dataclass(frozen=True)
class RawPlan:
    """What the plain-SQL path reads from the checkout's settings: account codes, fee policy."""

    clearing: str
    funds: str
    fees: str | None
    fee_basis_points: int
    fee_zero_categories: frozenset[str]

    def fee(self, amount: int, category: str) -> int:
        """As gotong.donations.fees.fee_for: basis points of the amount, rounded down."""
        if not self.fees or category in self.fee_zero_categories:
            return 0
        return amount * self.fee_basis_points // 10_000


def settle_sql(cur: psycopg.Cursor, order_id: str, body: str, plan: RawPlan) -> str:
    """The statements the endpoint's transaction issues for a campaign whose accounts exist, in
    donation_settle_locked's order: lock the donation, read the campaign's category for the fee,
    settle the donation, look the accounts up and lock them in id order, book the donation and
    then the platform fee (each entry, its two postings, the two balances in account-id order),
    move the campaign's counters (last, the hottest row), record the notification."""
    row = cur.execute(LOCK_DONATION, (order_id,)).fetchone()
    if row is None or row[4] == "settled":
        return "duplicate"
    donation_id, campaign_id, amount = row[0], row[1], row[2]
    (category,) = cur.execute(GET_CATEGORY, (campaign_id,)).fetchone()
    fee = plan.fee(amount, category)
    cur.execute(SETTLE_DONATION, ("settlement", "qris", str(uuid.uuid4()), fee, donation_id))
    clearing_id = cur.execute(GET_ACCOUNT, (plan.clearing,)).fetchone()[0]
    funds_id = cur.execute(GET_ACCOUNT, (plan.funds,)).fetchone()[0]
    entries = [
        ("donation_settled", f"Donasi {order_id}", "settled", clearing_id, funds_id, amount),
    ]
    if fee > 0:
        fees_id = cur.execute(GET_ACCOUNT, (plan.fees,)).fetchone()[0]
        memo = f"Biaya platform donasi {order_id}"
        entries.append(("platform_fee", memo, "fee", funds_id, fees_id, fee))
    ids = sorted({clearing_id, funds_id} | ({fees_id} if fee > 0 else set()))
    cur.execute(LOCK_ACCOUNTS.format(", ".join(["%s"] * len(ids))), ids).fetchall()
    for kind, memo, suffix, debit, credit, value in entries:
        key = f"donation:{order_id}:{suffix}"
        entry = cur.execute(INSERT_ENTRY, (kind, memo, key, campaign_id, donation_id)).fetchone()[0]
        cur.execute(INSERT_POSTINGS, (entry, debit, value, entry, credit, -value))
        for account_id, delta in sorted([(debit, value), (credit, -value)]):
            cur.execute(MOVE_BALANCE, (delta, account_id))
    cur.execute(BUMP_CAMPAIGN, (amount, fee, campaign_id))  # the hottest row last, as the app does
    cur.execute(INSERT_NOTIFICATION, (body, order_id))
    return "applied"


def sql_worker(conn: psycopg.Connection, plan: RawPlan) -> Callable:
    """Settle one donation in one transaction on this thread's own connection."""

    def settle(item: tuple[str, str]) -> str:
        try:
            with conn.transaction(), conn.cursor() as cur:
                return settle_sql(cur, *item, plan)
        except psycopg.Error as exc:
            return type(exc).__name__

    return settle


def path_tag(path: str, r: int) -> str:
    """The order-id tag of one round's donations for one path: E0, R0, B0, A0, ..."""
    return f"{path[0].upper()}{r}"


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
    groups: dict[str, tuple[str, int]]  # order-id tag -> (path, how many)
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


def make_app(
    args: argparse.Namespace, *, path: str, label: str, tree: Path, db: str, var_dir: Path
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
    groups = {"W": (path, 64), "Q": (path, 1)}  # warm-up, statement count
    for r in range(args.rounds):
        groups[path_tag(path, r)] = (path, args.donations)
    return App(path, label, tree, db, env, server, groups)


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
    n, db = args.donations, args.db_name
    var_dir = Path(tempfile.mkdtemp(prefix="gotong-bench-"))
    worktree: Path | None = None
    apps: list[App] = []
    try:
        endpoint = "after" if args.compare else "endpoint"
        label = f"{endpoint}: this checkout" if args.compare else "endpoint"
        apps.append(
            make_app(args, path=endpoint, label=label, tree=common.ROOT, db=db, var_dir=var_dir)
        )
        if args.compare:
            worktree = Path(tempfile.mkdtemp(prefix="gotong-bench-tree-")) / "tree"
            sha = common.worktree_add(args.compare, worktree)
            label = f"before: {sha[:7]}"
            apps.insert(
                0,
                make_app(
                    args, path="before", label=label, tree=worktree, db=f"{db}_cmp", var_dir=var_dir
                ),
            )
        app = apps[-1]  # the checkout's: the raw path's campaign lives in its database
        for r in range(args.rounds):
            app.groups[path_tag("raw", r)] = ("raw", n)
        for each in apps:
            each.prepare(raw=["raw"] if each is app else [])
        seeded = app.seeded
        plan = RawPlan(
            clearing=seeded["clearing"],
            funds=seeded["funds"]["raw"],
            fees=seeded["fees"],
            fee_basis_points=seeded["fee_basis_points"],
            fee_zero_categories=frozenset(seeded["fee_zero_categories"]),
        )
        fee = plan.fee(AMOUNT, seeded["category"])
        raw_statements = RAW_STATEMENTS if fee > 0 else RAW_STATEMENTS - 5
        owner = {each.path: each for each in apps} | {"raw": app}  # whose database, bodies
        with psycopg.connect(app.dsn) as conn:
            pg = [conn.execute(f"SHOW {s}").fetchone()[0] for s in SHOW]
        print(f"PostgreSQL {pg[0]} (fsync={pg[1]}, synchronous_commit={pg[2]}), database {db}")
        print(f"server: {' '.join(app.server.cmd[1:])}")
        pool = os.environ.get("DB_POOL_MAX_SIZE") or "default"
        print(
            f"        DEBUG=false DB_POOL_MAX_SIZE={pool} (DB_CONN_MAX_AGE={args.conn_max_age} "
            f"before the pool); cores: {os.cpu_count()}"
        )
        print(f"load: {args.concurrency} senders, {n} donations/round/path, one campaign per path")
        if args.compare:
            before = apps[0]
            print(f"before: {common.git('log', '-1', '--format=%h %s', sha)}")
            print(f"        worktree {before.tree}, database {before.db}, same server settings")
            print(f"after:  this checkout, {checkout_state()}; database {db}")
            print(f"        platform fee {fee} on each donation of {AMOUNT}; raw SQL writes it too")
        for each in apps:
            each.server.start(NOTIFY_PATH)

        def run(path: str, items: list[tuple[str, str]]) -> tuple[float, Counter]:
            if path != "raw":
                url = owner[path].server.base + NOTIFY_PATH
                return drain(items, [sender(url) for _ in range(args.concurrency)])
            conns = [psycopg.connect(app.dsn, autocommit=True) for _ in range(args.concurrency)]
            try:
                return drain(items, [sql_worker(conn, plan) for conn in conns])
            finally:
                for conn in conns:
                    conn.close()

        for each in apps:
            secs, warm = run(each.path, each.signed["W"])
            where = f" ({each.path})" if args.compare else ""
            print(
                f"warm-up{where}: {sum(warm.values())} notifications in {secs:.1f}s: {dict(warm)}"
            )
        counts = [
            f"{each.path} {each.in_tree('count', order_ids('Q', 1)[0])['statements']}"
            for each in apps
        ]
        print("statements per settlement, BEGIN/COMMIT included:", end=" ")
        print(f"{', '.join(counts)}, raw SQL {raw_statements}")

        paths = [each.path for each in apps] + ["raw"]
        rates: dict[str, list[float]] = {path: [] for path in paths}
        print(f"\n{'round':>5}  {'path':<9}{'seconds':>8}{'donations/s':>13}{'settled':>9}", end="")
        print("  host cpu  bench cpu  tally")
        for r in range(args.rounds):
            for path in paths if r % 2 == 0 else paths[::-1]:
                tag = path_tag(path, r)
                meter = common.CpuMeter()
                secs, tally = run(path, owner[path].signed[tag])
                cpu = meter.read()
                with psycopg.connect(owner[path].dsn) as conn:
                    (settled,) = conn.execute(COUNT_SETTLED, (f"BENCH-{tag}-%",)).fetchone()
                rates[path].append(n / secs)
                cells = f"{r + 1:>5}  {path:<9}{secs:>8.2f}{n / secs:>13.1f}{settled:>9}{cpu}"
                print(f"{cells}  {dict(tally)}")

        failed = False
        for each in apps:
            verify = common.manage(each.env, "verify_ledger", check=False, cwd=each.tree)
            failed |= verify.returncode != 0
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
            common.print_log_report(each.server.log, ignore=f"(GET): {NOTIFY_PATH}", title=title)

        med = {path: statistics.median(v) for path, v in rates.items()}
        labels = {
            each.path: f"{each.label} (gunicorn {args.workers}w x {args.threads}t)" for each in apps
        }
        labels["raw"] = f"raw SQL (psycopg, {args.concurrency} conns)"
        width = max(34, *(len(x) + 2 for x in labels.values()))
        print(f"\n{'path':<{width}}{'rounds':>6}{'median donations/s':>20}")
        for path in paths:
            print(f"{labels[path]:<{width}}{args.rounds:>6}{med[path]:>20.1f}")

        def ratio(top: str, bottom: str) -> None:
            per_round = ", ".join(
                f"{a / b:.3f}" for a, b in zip(rates[top], rates[bottom], strict=True)
            )
            of_medians = med[top] / med[bottom]
            print(f"ratio {top}/{bottom}: {of_medians:.3f} of medians; by round {per_round}")

        if args.compare:
            ratio("after", "before")
        ratio(endpoint, "raw")
        return 1 if failed else 0
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
