"""Settled donations per second on ONE campaign: the Midtrans notification endpoint under gunicorn
on PostgreSQL, beside the same transaction written as plain SQL (psycopg), in the same run.

Run from the repository root: `.venv/bin/python bench/donations.py --help`.
"""

from __future__ import annotations

import argparse
import datetime
import hashlib
import json
import os
import queue
import shutil
import statistics
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter
from collections.abc import Callable
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
LOCK_DONATION = """SELECT id, campaign_id, amount, status, order_id, name, email, is_anonymous,
    message, donor_id, gateway_status, payment_type, gateway_transaction_id, payment_token,
    payment_url, created_at, settled_at, failed_at FROM donations_donation WHERE order_id = %s
    ORDER BY created_at DESC, id DESC LIMIT 1 FOR UPDATE"""
SETTLE_DONATION = """UPDATE donations_donation SET status = 'settled', gateway_status = %s,
    payment_type = %s, gateway_transaction_id = %s, settled_at = now() WHERE id = %s"""
BUMP_CAMPAIGN = """UPDATE campaigns_campaign SET collected = collected + %s,
    donor_count = donor_count + 1 WHERE id = %s"""
GET_ACCOUNT = """SELECT id, code, name, kind, campaign_id, balance FROM ledger_ledgeraccount
    WHERE code = %s LIMIT 21"""
INSERT_ENTRY = """INSERT INTO ledger_journalentry (created_at, kind, memo, idempotency_key,
    campaign_id, donation_id) VALUES (now(), 'donation_settled', %s, %s, %s, %s) RETURNING id"""
INSERT_POSTINGS = """INSERT INTO ledger_posting (entry_id, account_id, amount)
    VALUES (%s, %s, %s), (%s, %s, %s)"""
MOVE_BALANCE = "UPDATE ledger_ledgeraccount SET balance = balance + %s WHERE id = %s"
INSERT_NOTIFICATION = """INSERT INTO payments_paymentnotification (received_at, source, gateway,
    raw_body, order_id, transaction_status, outcome, detail, remote_addr) VALUES (now(), 'http',
    'midtrans', %s, %s, 'settlement', 'applied', 'settlement → donation settled', '127.0.0.1')"""
RAW_STATEMENTS = 12  # BEGIN, the 10 statements of settle_sql, COMMIT
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
    p.add_argument("--conn-max-age", type=int, default=60, help="DB_CONN_MAX_AGE for the app [60]")
    p.add_argument(
        "--db-name",
        default=f"gotong_bench_{os.getpid()}",
        help="dropped and created [gotong_bench_<pid>]",
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


def settle_sql(cur: psycopg.Cursor, order_id: str, body: str, clearing: str, funds: str) -> str:
    """The statements the endpoint's transaction issues for a campaign whose accounts exist."""
    row = cur.execute(LOCK_DONATION, (order_id,)).fetchone()
    if row is None or row[3] == "settled":
        return "duplicate"
    donation_id, campaign_id, amount = row[0], row[1], row[2]
    cur.execute(SETTLE_DONATION, ("settlement", "qris", str(uuid.uuid4()), donation_id))
    clearing_id = cur.execute(GET_ACCOUNT, (clearing,)).fetchone()[0]
    funds_id = cur.execute(GET_ACCOUNT, (funds,)).fetchone()[0]
    memo, key = f"Donasi {order_id}", f"donation:{order_id}:settled"
    entry = cur.execute(INSERT_ENTRY, (memo, key, campaign_id, donation_id)).fetchone()[0]
    cur.execute(INSERT_POSTINGS, (entry, clearing_id, amount, entry, funds_id, -amount))
    for account_id, delta in sorted([(clearing_id, amount), (funds_id, -amount)]):
        cur.execute(MOVE_BALANCE, (delta, account_id))
    cur.execute(BUMP_CAMPAIGN, (amount, campaign_id))  # the hottest row last, as the app does
    cur.execute(INSERT_NOTIFICATION, (body, order_id))
    return "applied"


def sql_worker(conn: psycopg.Connection, codes: tuple[str, str]) -> Callable:
    """Settle one donation in one transaction on this thread's own connection."""

    def settle(item: tuple[str, str]) -> str:
        try:
            with conn.transaction(), conn.cursor() as cur:
                return settle_sql(cur, *item, *codes)
        except psycopg.Error as exc:
            return type(exc).__name__

    return settle


def statements_per_settlement(order_id: str, server_key: str) -> int:
    """Run one settlement in-process through the service the view calls; count statements."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from gotong.payments.models import NotificationSource
    from gotong.payments.services import payment_report_apply

    with CaptureQueriesContext(connection) as captured:
        body = notification_body(order_id, server_key)
        payment_report_apply(raw_body=body, source=NotificationSource.HTTP)
    connection.close()
    return len(captured.captured_queries)


def prepare(args: argparse.Namespace, env: dict[str, str]) -> tuple[dict, tuple[str, str], str]:
    """Migrate; then, in-process through the ORM: two published campaigns, pending donations for
    every (tag -> path, count) group, and the raw path's campaign-funds account."""
    common.manage(env, "migrate", "--noinput")
    os.environ.update(env)
    sys.path.insert(0, str(common.ROOT))
    import django

    django.setup()
    from django.conf import settings
    from django.db import connections
    from django.utils import timezone

    from gotong.accounts.models import User
    from gotong.campaigns.models import Campaign, CampaignStatus, Category
    from gotong.donations.models import Donation
    from gotong.ledger import accounts
    from gotong.ledger.models import AccountKind
    from gotong.ledger.services import account_get_or_create

    groups = {"W": ("endpoint", 64), "Q": ("endpoint", 1)}  # warm-up, statement count
    for r in range(args.rounds):
        groups[f"E{r}"], groups[f"R{r}"] = ("endpoint", args.donations), ("raw", args.donations)
    owner = User.objects.create_user("bench@contoh.id", None, display_name="Bench")
    deadline = timezone.localdate() + datetime.timedelta(days=30)
    campaigns = {
        path: Campaign.objects.create(
            slug=f"bench-{path}",
            owner=owner,
            title=f"Bench ({path})",
            story="Bench.",
            story_html="<p>Bench.</p>",
            category=Category.LAINNYA,
            beneficiary="Bench",
            target=10**12,
            deadline=deadline,
            status=CampaignStatus.PUBLISHED,
            published_at=timezone.now(),
        )
        for path in ("endpoint", "raw")
    }
    rows = [
        Donation(order_id=oid, campaign=campaigns[path], amount=AMOUNT, name="Bench")
        for tag, (path, n) in groups.items()
        for oid in order_ids(tag, n)
    ]
    Donation.objects.bulk_create(rows, batch_size=2000)
    raw_id = campaigns["raw"].pk
    funds = accounts.campaign_funds_code(raw_id)
    name, kind = f"Dana kampanye #{raw_id}", AccountKind.LIABILITY
    account_get_or_create(code=funds, name=name, kind=kind, campaign_id=raw_id)
    connections.close_all()
    key = settings.MIDTRANS_SERVER_KEY
    bodies = {
        tag: [(o, notification_body(o, key)) for o in order_ids(tag, n)]
        for tag, (_, n) in groups.items()
    }
    return bodies, (accounts.GATEWAY_CLEARING, funds), key


def main() -> int:
    args = parse_args()
    sys.stdout.reconfigure(line_buffering=True)
    common.arm_global_timeout(args.timeout)
    n, db = args.donations, args.db_name
    var_dir = Path(tempfile.mkdtemp(prefix="gotong-bench-"))
    port, dsn = common.free_port(), common.pg_url(db)
    env = common.app_env(var_dir=var_dir, database_url=dsn, settings="config.settings", port=port)
    env["DB_CONN_MAX_AGE"] = str(args.conn_max_age)
    log = var_dir / "server.log"
    server = common.Gunicorn(
        env=env, port=port, workers=args.workers, threads=args.threads, log=log
    )
    try:
        common.pg_recreate(db)
        bodies, codes, key = prepare(args, env)
        with psycopg.connect(dsn) as conn:
            pg = [conn.execute(f"SHOW {s}").fetchone()[0] for s in SHOW]
        print(f"PostgreSQL {pg[0]} (fsync={pg[1]}, synchronous_commit={pg[2]}), database {db}")
        print(f"server: {' '.join(server.cmd[1:])}")
        print(f"        DEBUG=false DB_CONN_MAX_AGE={args.conn_max_age}; cores: {os.cpu_count()}")
        print(f"load: {args.concurrency} senders, {n} donations/round/path, one campaign per path")
        server.start(NOTIFY_PATH)
        url = server.base + NOTIFY_PATH

        def run(path: str, items: list[tuple[str, str]]) -> tuple[float, Counter]:
            if path == "endpoint":
                return drain(items, [sender(url) for _ in range(args.concurrency)])
            conns = [psycopg.connect(dsn, autocommit=True) for _ in range(args.concurrency)]
            try:
                return drain(items, [sql_worker(conn, codes) for conn in conns])
            finally:
                for conn in conns:
                    conn.close()

        secs, warm = run("endpoint", bodies["W"])
        print(f"warm-up: {sum(warm.values())} notifications in {secs:.1f}s: {dict(warm)}")
        queries = statements_per_settlement(order_ids("Q", 1)[0], key)
        print("statements per settlement, BEGIN/COMMIT included:", end=" ")
        print(f"endpoint {queries}, raw SQL {RAW_STATEMENTS}")

        rates: dict[str, list[float]] = {"endpoint": [], "raw": []}
        print(f"\n{'round':>5}  {'path':<9}{'seconds':>8}{'donations/s':>13}{'settled':>9}", end="")
        print("  host cpu  bench cpu  tally")
        for r in range(args.rounds):
            for path in ("endpoint", "raw") if r % 2 == 0 else ("raw", "endpoint"):
                tag = f"{path[0].upper()}{r}"
                meter = common.CpuMeter()
                secs, tally = run(path, bodies[tag])
                cpu = meter.read()
                with psycopg.connect(dsn) as conn:
                    (settled,) = conn.execute(COUNT_SETTLED, (f"BENCH-{tag}-%",)).fetchone()
                rates[path].append(n / secs)
                cells = f"{r + 1:>5}  {path:<9}{secs:>8.2f}{n / secs:>13.1f}{settled:>9}{cpu}"
                print(f"{cells}  {dict(tally)}")

        verify = common.manage(env, "verify_ledger", check=False)
        print(f"\nverify_ledger (after all rounds of both paths): exit {verify.returncode}")
        for line in (verify.stdout + verify.stderr).strip().splitlines():
            print(f"  {line}")
        common.print_log_report(log, ignore=f"(GET): {NOTIFY_PATH}")

        med = {path: statistics.median(v) for path, v in rates.items()}
        per_round = [e / w for e, w in zip(rates["endpoint"], rates["raw"], strict=True)]
        print(f"\n{'path':<34}{'rounds':>6}{'median donations/s':>20}")
        label = f"endpoint (gunicorn {args.workers}w x {args.threads}t)"
        print(f"{label:<34}{args.rounds:>6}{med['endpoint']:>20.1f}")
        label = f"raw SQL (psycopg, {args.concurrency} conns)"
        print(f"{label:<34}{args.rounds:>6}{med['raw']:>20.1f}")
        ratios = ", ".join(f"{x:.3f}" for x in per_round)
        print(
            f"ratio endpoint/raw: {med['endpoint'] / med['raw']:.3f} of medians; by round {ratios}"
        )
        return 0 if verify.returncode == 0 else 1
    finally:
        STOP.set()
        server.stop()
        if args.keep:
            print(f"kept database {db} and {var_dir}")
        else:
            common.pg_drop(db)
            shutil.rmtree(var_dir, ignore_errors=True)


if __name__ == "__main__":
    try:
        sys.exit(main())
    except common.BenchTimeout as exc:
        sys.exit(f"stopped: {exc}")
