"""Helpers shared by the benchmarks: a gunicorn subprocess, a throwaway PostgreSQL database,
manage.py calls, a temporary git worktree of another revision, a global deadline, `--smoke`.
Everything here talks to 127.0.0.1 only."""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

import psycopg
import requests

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
PG_ADMIN_DSN = os.environ.get("BENCH_PG_ADMIN_DSN", "postgresql://postgres@127.0.0.1:5432/postgres")
# Throwaway PostgreSQL databases are named <prefix>[_<kind>]_<pid> (see `db_name`).
DB_PREFIX = os.environ.get("BENCH_DB_PREFIX") or "gotong_bench"
# Lines in the server log that mean something went wrong (Django logs 4xx as warnings and 5xx
# as errors through its console handler, without level names; gunicorn tags its own lines).
PROBLEM_RE = re.compile(
    r"Traceback|Internal Server Error|Bad Request|Forbidden|Not Found|Method Not Allowed|"
    r"\[ERROR\]|\[CRITICAL\]|WORKER TIMEOUT|\[WARNING\]"
)


def _host_cpu() -> tuple[int, int]:
    """(all jiffies, idle + iowait jiffies) summed over every core, from /proc/stat."""
    fields = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:9]]
    return sum(fields), fields[3] + fields[4]


class CpuMeter:
    """Over a span: how busy the whole host was (% of all cores) and how much CPU the load
    generator used (% of one core; `who` is RUSAGE_SELF, or RUSAGE_CHILDREN for wrk)."""

    def __init__(self, who: int = resource.RUSAGE_SELF) -> None:
        self.who = who
        self.wall, self.host = time.perf_counter(), _host_cpu()
        usage = resource.getrusage(who)
        self.cpu = usage.ru_utime + usage.ru_stime

    def read(self) -> str:
        """Host and client CPU as two right-aligned percentages, 10 and 11 characters wide."""
        wall = time.perf_counter() - self.wall
        total, idle = (now - before for now, before in zip(_host_cpu(), self.host, strict=True))
        usage = resource.getrusage(self.who)
        client = 100 * (usage.ru_utime + usage.ru_stime - self.cpu) / wall
        return f"{100 * (1 - idle / max(total, 1)):>9.0f}%{client:>10.0f}%"


class BenchTimeout(Exception):
    pass


def arm_global_timeout(seconds: int) -> None:
    """Raise BenchTimeout in the main thread after `seconds`; callers clean up in `finally`."""

    def expire(signum: int, frame: object) -> None:
        raise BenchTimeout(f"global timeout of {seconds}s reached")

    signal.signal(signal.SIGALRM, expire)
    signal.alarm(seconds)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def db_name(kind: str = "") -> str:
    """This run's database name: gotong_bench[_kind]_<pid>; `BENCH_DB_PREFIX` replaces
    `gotong_bench` (e.g. to tell apart the runs of several people on one machine)."""
    return "_".join(part for part in (DB_PREFIX, kind, str(os.getpid())) if part)


def parse_args_smoke(
    parser: argparse.ArgumentParser, smoke: dict[str, object]
) -> argparse.Namespace:
    """Add `--smoke` to `parser` and parse: with it, the values in `smoke` become the defaults
    (options given on the command line still win), for a run of a few seconds that checks the
    bench still works rather than measuring anything."""
    sizes = ", ".join(f"--{k.replace('_', '-')} {v}" for k, v in smoke.items() if v is not True)
    parser.add_argument(
        "--smoke",
        action="store_true",
        help=f"a run of seconds that exits 1 when the bench is broken: {sizes}",
    )
    if parser.parse_known_args()[0].smoke:
        parser.set_defaults(**smoke)
    return parser.parse_args()


class Checks:
    """What a run must have seen to count as working; `exit_code()` prints the verdict."""

    def __init__(self) -> None:
        self.failures: list[str] = []

    def expect(self, ok: bool, what: str) -> bool:
        if not ok:
            self.failures.append(what)
        return ok

    def exit_code(self, title: str = "checks") -> int:
        if not self.failures:
            print(f"{title}: OK")
            return 0
        print(f"{title}: FAILED")
        for failure in self.failures:
            print(f"  - {failure}")
        return 1


def pg_url(db_name: str) -> str:
    return f"postgres://postgres@127.0.0.1:5432/{db_name}"


def _check_db_name(db_name: str) -> None:
    if not re.fullmatch(r"[a-z][a-z0-9_]*", db_name) or db_name in {"gotong", "postgres"}:
        raise SystemExit(f"refusing database name {db_name!r}")
    if db_name.startswith("test"):
        raise SystemExit(f"refusing {db_name!r}: test* databases belong to test runs")


def pg_recreate(db_name: str) -> None:
    _check_db_name(db_name)
    with psycopg.connect(PG_ADMIN_DSN, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {db_name} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {db_name}")


def pg_drop(db_name: str) -> None:
    _check_db_name(db_name)
    with psycopg.connect(PG_ADMIN_DSN, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {db_name} WITH (FORCE)")


def app_env(*, var_dir: Path, database_url: str, settings: str, port: int) -> dict[str, str]:
    """The environment for manage.py and gunicorn: production-like (DEBUG off)."""
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE=settings,
        DATABASE_URL=database_url,
        GOTONG_VAR_DIR=str(var_dir),
        DEBUG="false",
        SECRET_KEY="bench",
        ALLOWED_HOSTS="127.0.0.1",
        PUBLIC_BASE_URL=f"http://127.0.0.1:{port}",
    )
    return env


def manage(
    env: dict[str, str], *args: str, check: bool = True, cwd: Path = ROOT
) -> subprocess.CompletedProcess:
    """`manage.py` of the source tree at `cwd` (the checkout, or a worktree of another revision)."""
    return subprocess.run(
        [str(BIN / "python"), "manage.py", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        check=check,
        timeout=600,
    )


class Gunicorn:
    """gunicorn as a child process; `stop()` always ends it (TERM, then KILL) by its pid.

    It serves the source tree it is started in (`cwd`): gunicorn puts its working directory
    first on `sys.path`, so `config` and `gotong` are that tree's, with this venv's packages."""

    def __init__(
        self,
        *,
        env: dict[str, str],
        port: int,
        workers: int,
        threads: int,
        log: Path,
        cwd: Path = ROOT,
    ):
        self.port, self.log, self.cwd = port, log, cwd
        self.cmd = [
            str(BIN / "gunicorn"),
            "config.wsgi:application",
            "--workers",
            str(workers),
            "--threads",
            str(threads),
            "--bind",
            f"127.0.0.1:{port}",
        ]
        self.env = env
        self.proc: subprocess.Popen | None = None

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, probe_path: str, timeout: float = 60) -> None:
        with self.log.open("w") as out:
            self.proc = subprocess.Popen(
                self.cmd, cwd=self.cwd, env=self.env, stdout=out, stderr=subprocess.STDOUT
            )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"gunicorn exited with {self.proc.returncode}; see {self.log}")
            try:
                requests.get(self.base + probe_path, timeout=5)
                return
            except (requests.ConnectionError, requests.Timeout):
                time.sleep(0.2)
        raise RuntimeError(f"gunicorn did not answer within {timeout}s; see {self.log}")

    def stop(self) -> None:
        if self.proc is None or self.proc.poll() is not None:
            return
        self.proc.terminate()
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(timeout=10)


def log_problems(log: Path, ignore: str | None = None) -> tuple[int, Counter, list[str]]:
    """(lines in log, counts of problem kinds, first few problem lines)."""
    lines = log.read_text(errors="replace").splitlines() if log.exists() else []
    kinds: Counter = Counter()
    first: list[str] = []
    for line in lines:
        if ignore and ignore in line:
            continue
        match = PROBLEM_RE.search(line)
        if match:
            kinds[match.group(0)] += 1
            if len(first) < 5:
                first.append(line[:200])
    return len(lines), kinds, first


def print_log_report(log: Path, ignore: str | None = None, title: str = "server log") -> None:
    total, kinds, first = log_problems(log, ignore)
    summary = ", ".join(f"{k}: {n}" for k, n in kinds.most_common()) or "none"
    print(f"{title}: {total} lines; problem lines: {summary}")
    for line in first:
        print(f"  | {line}")


def git(*args: str) -> str:
    """A read-only or worktree git command in the checkout; its stdout, stripped. Optional locks
    are off so a bench never takes the index lock from people working in the same checkout."""
    return subprocess.run(
        ["git", "--no-optional-locks", "-C", str(ROOT), *args],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    ).stdout.strip()


def worktree_add(rev: str, path: Path) -> str:
    """Check `rev` out, detached, into a new worktree at `path`; return its full commit id.
    Only `.git/worktrees/` of the checkout changes (not its index, HEAD or files)."""
    try:
        sha = git("rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}")
    except subprocess.CalledProcessError:
        raise SystemExit(f"not a commit in {ROOT}: {rev!r}") from None
    git("worktree", "add", "--detach", str(path), sha)
    return sha


def worktree_remove(path: Path) -> None:
    """Unregister and delete a worktree made by `worktree_add` (with the files Python wrote)."""
    try:
        git("worktree", "remove", "--force", str(path))
    except subprocess.CalledProcessError as exc:
        print(f"could not remove worktree {path}: {exc.stderr.strip()}", file=sys.stderr)


def child_run(
    command: list[str], *, label: str, pg_name: str | None, keep: bool
) -> dict[str, Any] | None:
    """Run one database's half of a benchmark as a child process: echo what it prints, return
    the JSON of its `RESULT ` line (None if it failed), then drop its PostgreSQL database
    unless `keep`."""
    proc = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, text=True)
    result = None
    try:
        assert proc.stdout is not None
        for line in proc.stdout:
            if line.startswith("RESULT "):
                result = json.loads(line[len("RESULT ") :])
            else:
                print(line, end="")
        proc.wait()
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        if pg_name is not None and not keep:
            pg_drop(pg_name)
    if proc.returncode != 0:
        print(f"{label}: child exited with {proc.returncode}")
        return None
    return result


def percentile(samples: list[float], p: int) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def child_django_setup(*, database_url: str, var_dir: str) -> None:
    """In a benchmark's child process: Django as production runs it (DEBUG off), on its own
    database, migrated, with static files collected into the temp VAR_DIR (whitenoise's
    manifest is needed once DEBUG is off)."""
    os.environ.update(
        DJANGO_SETTINGS_MODULE="config.settings",
        GOTONG_VAR_DIR=var_dir,
        DATABASE_URL=database_url,
        DEBUG="false",
        SECRET_KEY="bench",
        ALLOWED_HOSTS="testserver",
    )
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)


def children_run(
    *, script: str, kind: str, databases: tuple[str, ...], extra: list[str], keep: bool
) -> list[dict[str, Any]]:
    """Run `script --child <db>` once per database, each on a fresh database (PostgreSQL
    `gotong_bench_<kind>_<pid>`, or a SQLite file) in a temp VAR_DIR; the results in order.
    Everything is removed afterwards unless `keep`."""
    var_dir = Path(tempfile.mkdtemp(prefix=f"gotong-bench-{kind}-"))
    print(f"temp dir {var_dir}; cores: {os.cpu_count()}; Python {sys.version.split()[0]}\n")
    results = []
    try:
        for db in databases:
            folder = var_dir / db
            folder.mkdir()
            pg_name = None
            if db == "postgres":
                pg_name = db_name(kind)
                pg_recreate(pg_name)
                url = pg_url(pg_name)
            else:
                url = f"sqlite:///{folder / f'{kind}.sqlite3'}"
            command = [sys.executable, script, "--child", db, "--database-url", url]
            command += ["--var-dir", str(folder), *extra]
            result = child_run(command, label=db, pg_name=pg_name, keep=keep)
            if result:
                results.append(result)
            print()
    finally:
        if not keep:
            shutil.rmtree(var_dir, ignore_errors=True)
    return results
