"""Campaign-page requests per second under gunicorn, beside a trivial Django view (same middleware,
no database, no template) served by the same server in the same run. The campaign page is
measured twice: as an anonymous visitor gets it (from the page cache) and rendered every time
(the same request with a session cookie, which the page cache never serves).

Run from the repository root: `.venv/bin/python bench/campaign_page.py --help`.
"""

from __future__ import annotations

import argparse
import gzip
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

import common
import requests

TRIVIAL_PATH = "/__bench/trivial"
NO_CACHE_COOKIE = "sessionid=bench-renders-every-time"  # no such session: still anonymous
STOP = threading.Event()
HEADERS: dict[str, str] = {}  # {"Connection": "close"} with --close
CHILDREN = resource.RUSAGE_CHILDREN
PICK_CAMPAIGN = (
    "from gotong.campaigns.models import Campaign as C; "
    "c = C.objects.filter(status='published').order_by('-donor_count', 'id').first(); "
    "print(c.slug, c.donor_count)"
)
SMOKE = {
    "clients": 4,
    "duration": 1,
    "rounds": 1,
    "warmup": 1,
    "workers": 2,
    "threads": 2,
    "timeout": 180,
}


def parse_args() -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite", help="[sqlite]")
    db_name = common.db_name("page")
    p.add_argument(
        "--db-name", default=db_name, help="with --db postgres [gotong_bench_page_<pid>]"
    )
    p.add_argument("--clients", type=int, default=16, help="concurrent clients [16]")
    p.add_argument("--duration", type=int, default=10, help="seconds per target and round [10]")
    p.add_argument("--rounds", type=int, default=3, help="rounds [3]")
    p.add_argument("--warmup", type=int, default=2, help="warm-up seconds per target [2]")
    p.add_argument("--workers", type=int, default=4, help="gunicorn workers [4 = 2 x cores]")
    p.add_argument(
        "--threads",
        type=int,
        default=2,
        help="gunicorn threads per worker [2, as docs/architecture.md recommends]",
    )
    clients = ["auto", "wrk", "python"]
    p.add_argument("--client", choices=clients, default="auto", help="wrk if installed [auto]")
    p.add_argument("--close", action="store_true", help="new connection per request")
    p.add_argument("--timeout", type=int, default=600, help="global timeout, seconds [600]")
    p.add_argument("--keep", action="store_true", help="keep the database and the temp dir")
    return common.parse_args_smoke(p, SMOKE)


def load_python(
    url: str, clients: int, seconds: int, extra: dict[str, str]
) -> tuple[float, Counter, list[float]]:
    """`clients` threads GET `url` back to back for `seconds`: (requests/s, statuses, p50/p99)."""
    statuses, latencies, finished, lock = Counter(), [], [], threading.Lock()
    barrier, window = threading.Barrier(clients + 1), {}

    def client() -> None:
        session, mine, times = requests.Session(), Counter(), []
        barrier.wait()
        while not STOP.is_set() and time.perf_counter() < window["end"]:
            t0 = time.perf_counter()
            try:
                mine[session.get(url, headers=HEADERS | extra, timeout=30).status_code] += 1
            except requests.RequestException as exc:
                mine[type(exc).__name__] += 1
            times.append(time.perf_counter() - t0)
        with lock:
            statuses.update(mine)
            latencies.extend(times)
            finished.append(time.perf_counter())

    threads = [threading.Thread(target=client, daemon=True) for _ in range(clients)]
    for t in threads:
        t.start()
    window["end"] = (start := time.perf_counter()) + seconds
    barrier.wait()
    for t in threads:
        t.join()
    cuts = statistics.quantiles(latencies, n=100) if len(latencies) > 1 else [0.0] * 99
    rps = sum(statuses.values()) / (max(finished) - start)
    return rps, statuses, [1000 * cuts[49], 1000 * cuts[98]]


def load_wrk(
    url: str, clients: int, seconds: int, extra: dict[str, str]
) -> tuple[float, Counter, list[float]]:
    """The same load from wrk (2 threads, `clients` keep-alive connections)."""
    cmd = ["wrk", "-t2", f"-c{clients}", f"-d{seconds}s", "--latency", "--timeout", "30s", url]
    cmd += [arg for k, v in (HEADERS | extra).items() for arg in ("-H", f"{k}: {v}")]
    out = subprocess.run(cmd, capture_output=True, text=True, timeout=seconds + 60, check=True)
    text = out.stdout
    total = int(re.search(r"(\d+) requests in", text).group(1))
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    statuses = Counter({"2xx/3xx": total - int(bad.group(1)) if bad else total})
    if bad:
        statuses["other"] = int(bad.group(1))
    for kind, n in re.findall(r"(connect|read|write|timeout) (\d+)", text):
        if int(n):
            statuses[f"socket {kind} errors"] = int(n)
    unit = {"us": 0.001, "ms": 1.0, "s": 1000.0}
    cuts = {
        q: float(v) * unit[u] for q, v, u in re.findall(r"(50|99)%\s+([\d.]+)(us|ms|s)\b", text)
    }
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
    return rps, statuses, [cuts["50"], cuts["99"]]


def main() -> int:
    args = parse_args()
    if args.close:
        HEADERS["Connection"] = "close"
    sys.stdout.reconfigure(line_buffering=True)
    common.arm_global_timeout(args.timeout)
    var_dir = Path(tempfile.mkdtemp(prefix="gotong-bench-"))
    port = common.free_port()
    if args.db == "postgres":
        db_url = common.pg_url(args.db_name)
    else:
        db_url = f"sqlite:///{var_dir / 'bench.sqlite3'}"
    env = common.app_env(
        var_dir=var_dir, database_url=db_url, settings="bench.settings_bench", port=port
    )
    log = var_dir / "server.log"
    server = common.Gunicorn(
        env=env, port=port, workers=args.workers, threads=args.threads, log=log
    )
    try:
        if args.db == "postgres":
            common.pg_recreate(args.db_name)
        common.manage(env, "migrate", "--noinput")
        seeded = common.manage(env, "seed_demo").stdout.splitlines()[0]
        common.manage(env, "collectstatic", "--noinput")
        picked = common.manage(env, "shell", "-v", "0", "-c", PICK_CAMPAIGN).stdout
        slug, donors = picked.split()
        print(f"database: {args.db} ({db_url}); seed_demo: {seeded}")
        print(f"server: {' '.join(server.cmd[1:])}")
        if args.db == "postgres":
            connections = f"DB_POOL_MAX_SIZE={env.get('DB_POOL_MAX_SIZE') or 'default (8)'}"
        else:
            connections = f"DB_CONN_MAX_AGE={env.get('DB_CONN_MAX_AGE') or 'default (60)'}"
        print(f"        DEBUG=false {connections}, settings")
        print("        bench.settings_bench (config.settings + a trivial view's URL)")
        server.start(TRIVIAL_PATH)

        campaign_path = f"/kampanye/{slug}/"
        targets = {
            "cached": (campaign_path, {}),
            "uncached": (campaign_path, {"Cookie": NO_CACHE_COOKIE}),
            "trivial": (TRIVIAL_PATH, {}),
        }
        page = requests.get(server.base + campaign_path, timeout=30)
        trivial = requests.get(server.base + TRIVIAL_PATH, timeout=30)
        size, packed = len(page.content), len(gzip.compress(page.content, compresslevel=6))
        encoding = page.headers.get("Content-Encoding", "none")
        again = requests.get(server.base + campaign_path, timeout=30)
        print(f"campaign page {campaign_path} ({donors} donors): HTTP {page.status_code},")
        print(f"  page cache: {again.headers.get('X-Page-Cache', 'off')} on the second request")
        print(f"  HTML {size} bytes, {packed} bytes gzipped (level 6); sent as: {encoding}")
        print(f"trivial view {TRIVIAL_PATH}: HTTP {trivial.status_code}, body {trivial.content!r}")
        if page.status_code != 200 or trivial.content != b"ok":
            print("target pages are not answering as expected; see", log)
            return 1
        use_wrk = args.client == "wrk" or (args.client == "auto" and shutil.which("wrk"))
        load, who = (load_wrk, CHILDREN) if use_wrk else (load_python, resource.RUSAGE_SELF)
        client = "wrk -t2" if use_wrk else "Python threads with requests.Session"
        conns = "connections, one per request," if args.close else "keep-alive connections"
        print(f"load: {args.clients} {conns} from {client}, {args.duration}s per target")
        print(f"      per round, {args.rounds} rounds, the order of targets alternating")

        checks = common.Checks()
        ok = {"2xx/3xx"} if use_wrk else {200}
        for name, (path, extra) in targets.items():
            rps, statuses, _ = load(server.base + path, args.clients, args.warmup, extra)
            print(f"warm-up {name}: {rps:.0f} req/s {dict(statuses)}")
            checks.expect(set(statuses) == ok, f"warm-up {name}: {dict(statuses)}")
        rates: dict[str, list[float]] = {name: [] for name in targets}
        print(f"\n{'round':>5}  {'target':<9}{'req/s':>9}{'p50 ms':>8}{'p99 ms':>8}", end="")
        print("  host cpu client cpu  statuses")
        for r in range(args.rounds):
            for name in list(targets) if r % 2 == 0 else reversed(targets):
                meter = common.CpuMeter(who)
                path, extra = targets[name]
                rps, statuses, (p50, p99) = load(
                    server.base + path, args.clients, args.duration, extra
                )
                cpu = meter.read()
                rates[name].append(rps)
                checks.expect(set(statuses) == ok, f"round {r + 1} {name}: {dict(statuses)}")
                cells = f"{rps:>9.1f}{p50:>8.1f}{p99:>8.1f}{cpu}"
                print(f"{r + 1:>5}  {name:<9}{cells}  {dict(statuses)}")

        common.print_log_report(log)
        kinds = common.log_problems(log)[1]
        checks.expect(not kinds, f"server log: problem lines {dict(kinds)}")
        med = {name: statistics.median(v) for name, v in rates.items()}
        print(f"\n{'target':<40}{'rounds':>6}{'median req/s':>14}")
        labels = {
            "cached": "campaign page, anonymous (page cache)",
            "uncached": "campaign page, rendered every time",
            "trivial": "trivial view",
        }
        for name, label in labels.items():
            print(f"{label:<40}{args.rounds:>6}{med[name]:>14.1f}")
        for name in ("cached", "uncached"):
            per_round = [c / t for c, t in zip(rates[name], rates["trivial"], strict=True)]
            ratios = ", ".join(f"{x:.3f}" for x in per_round)
            ratio = med[name] / med["trivial"]
            print(f"ratio {name}/trivial: {ratio:.3f} of medians; by round {ratios}")
        return checks.exit_code("smoke checks") if args.smoke else 0
    finally:
        STOP.set()
        server.stop()
        if args.keep:
            print(f"kept {var_dir}" + (f" and {args.db_name}" if args.db == "postgres" else ""))
        else:
            if args.db == "postgres":
                common.pg_drop(args.db_name)
            shutil.rmtree(var_dir, ignore_errors=True)


if __name__ == "__main__":
    try:
        sys.exit(main())
    except common.BenchTimeout as exc:
        sys.exit(f"stopped: {exc}")
