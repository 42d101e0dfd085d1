"""The production topology as child processes on this machine, for tests/deploy: a fresh
PostgreSQL database of its own, Redis, `collectstatic` into a temp GOTONG_VAR_DIR, DEBUG off,
gunicorn with deploy/gunicorn.conf.py, `db_worker` and `scheduler` as the systemd units in
deploy/systemd start them. Every process is stopped by its pid and the database dropped."""

from __future__ import annotations

import os
import secrets
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psycopg
import pytest
from django.conf import settings
from django.db import connection

ROOT = Path(settings.BASE_DIR)
PYTHON = sys.executable
GUNICORN_CONF = ROOT / "deploy" / "gunicorn.conf.py"
REDIS = ("127.0.0.1", 6379)
REDIS_DB = 13  # a database number of its own on the shared Redis


def postgresql_only() -> pytest.MarkDecorator:
    return pytest.mark.skipif(
        connection.vendor != "postgresql", reason="the production topology runs on PostgreSQL"
    )


def redis_required() -> None:
    """Skip without Redis on 127.0.0.1:6379, except in CI, where its absence is a failure."""
    try:
        socket.create_connection(REDIS, timeout=1).close()
    except OSError:
        message = "Redis is not listening on 127.0.0.1:6379 (apt-get install redis-server)"
        if os.environ.get("CI") == "true":
            pytest.fail(message, pytrace=False)
        pytest.skip(message)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _conninfo(dbname: str) -> dict[str, Any]:
    db = connection.settings_dict
    info = {"host": db["HOST"], "port": db["PORT"], "user": db["USER"], "dbname": dbname}
    if db["PASSWORD"]:
        info["password"] = db["PASSWORD"]
    return {key: value for key, value in info.items() if value}


def database_url(dbname: str) -> str:
    db = connection.settings_dict
    auth = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{dbname}"


@contextmanager
def fresh_database(prefix: str) -> Iterator[str]:
    """A new, empty PostgreSQL database (its name), dropped afterwards whatever happened."""
    name = f"gotong_{prefix}_{os.getpid()}"
    with psycopg.connect(**_conninfo("postgres"), autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        admin.execute(f"CREATE DATABASE {name}")
    try:
        yield name
    finally:
        with psycopg.connect(**_conninfo("postgres"), autocommit=True) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def query(dbname: str, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Rows read straight from a topology's database (the test process has its own)."""
    with psycopg.connect(**_conninfo(dbname)) as conn:
        return conn.execute(sql, params).fetchall()


def production_env(*, var: Path, dbname: str, public_base_url: str) -> dict[str, str]:
    """What deploy/gotong.env.example sets, for this machine: DEBUG off, PostgreSQL, Redis."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GOTONG_", "DJANGO_"))}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings",
        DEBUG="false",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1",
        PUBLIC_BASE_URL=public_base_url,
        DATABASE_URL=database_url(dbname),
        DB_POOL_MIN_SIZE="1",
        DB_POOL_MAX_SIZE="2",
        REDIS_URL=f"redis://{REDIS[0]}:{REDIS[1]}/{REDIS_DB}",
        GOTONG_VAR_DIR=str(var),
        # Plain HTTP between the test and gunicorn: no nginx terminates TLS here.
        SESSION_COOKIE_SECURE="false",
        CSRF_COOKIE_SECURE="false",
        PYTHONUNBUFFERED="1",
    )
    return env


def manage(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(
        [PYTHON, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    if done.returncode != 0:
        pytest.fail(f"manage.py {' '.join(args)} exited {done.returncode}:\n{done.stderr[-3000:]}")
    return done.stdout


def manage_together(env: dict[str, str], *commands: list[str]) -> None:
    """Several manage.py commands at once (`collectstatic` needs no database, `migrate` does)."""
    running = [
        subprocess.Popen(
            [PYTHON, "manage.py", *args],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        for args in commands
    ]
    for args, child in zip(commands, running, strict=True):
        _, err = child.communicate(timeout=120)
        if child.returncode != 0:
            pytest.fail(f"manage.py {' '.join(args)} exited {child.returncode}:\n{err[-3000:]}")


def web_command(port: int) -> tuple[list[str], dict[str, str]]:
    """deploy/systemd/gotong-web.service's command, bound to one port. One worker process
    (of two threads) each: the two gunicorns already make two pools, and the machine running
    the suite has few cores."""
    cmd = [PYTHON, "-m", "gunicorn", "-c", str(GUNICORN_CONF), "config.wsgi:application"]
    return cmd, {"GUNICORN_BIND": f"127.0.0.1:{port}", "GUNICORN_WORKERS": "1"}


def worker_command(worker_id: str) -> list[str]:
    """deploy/systemd/gotong-worker@.service's command (without its small random delay at
    startup, which spreads the polls of many workers)."""
    return [
        *[PYTHON, "manage.py", "db_worker", "--no-reload", "--interval", "1"],
        *["--no-startup-delay", "--worker-id", worker_id],
    ]


def scheduler_command(interval: int) -> list[str]:
    """deploy/systemd/gotong-scheduler.service's command (a shorter interval for the test)."""
    return [PYTHON, "manage.py", "scheduler", "--interval", str(interval)]


@dataclass
class Processes:
    """Child processes, each logging to its own file; `stop()` ends every one by its pid."""

    logs: Path
    children: dict[str, subprocess.Popen] = field(default_factory=dict)

    def start(self, name: str, cmd: list[str], env: dict[str, str]) -> None:
        self.logs.mkdir(parents=True, exist_ok=True)
        with self.log(name).open("w") as out:
            self.children[name] = subprocess.Popen(
                cmd, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT
            )

    def log(self, name: str) -> Path:
        return self.logs / f"{name}.log"

    def wait_listening(self, name: str, port: int, timeout: float = 90) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.children[name].poll() is not None:
                pytest.fail(f"{name} exited:\n{self.log(name).read_text()[-3000:]}")
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                return
            except OSError:
                time.sleep(0.1)
        pytest.fail(f"{name} did not listen on {port}:\n{self.log(name).read_text()[-3000:]}")

    def all_running(self) -> None:
        for name, child in self.children.items():
            if child.poll() is not None:
                pytest.fail(f"{name} exited:\n{self.log(name).read_text()[-3000:]}")

    def stop(self) -> None:
        for child in self.children.values():
            if child.poll() is None:
                child.terminate()
        for child in self.children.values():
            try:
                child.wait(timeout=15)
            except subprocess.TimeoutExpired:
                child.kill()
                child.wait(timeout=5)


def wait_for(what: str, probe: Any, timeout: float = 60, every: float = 0.25) -> Any:
    """Call `probe` until it returns something truthy; fail with `what` after `timeout` s."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = probe()
        if result:
            return result
        time.sleep(every)
    pytest.fail(f"timed out after {timeout} s waiting for {what}")
