"""The dev server (`make run`) on PostgreSQL stays inside its connection budget under a burst of
gateway notifications: requests wait for a pooled connection instead of answering 500.

The server is a real `manage.py runserver` subprocess that logs in as a role allowed only
BUDGET connections, the way a server with few `max_connections` left would refuse more. Its
clients keep their HTTP connections alive, as Midtrans and a browser do, so each of the server's
request threads lives across several requests."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import requests
from django.conf import settings
from django.db import connection

from gotong.payments.models import NotificationOutcome, PaymentNotification

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="connection limits: PostgreSQL"),
    pytest.mark.django_db(transaction=True),
]

BUDGET = 5  # connections the role may hold
POOL_MAX = 4  # what the server's pool may open, inside the budget
SENDERS = 32  # keep-alive clients at once, each its own request thread on the server
ROUNDS = 3  # requests per client
UNSIGNED = '{"order_id": "GTG-1-none", "status_code": "200", "gross_amount": "50000.00", '
UNSIGNED += '"transaction_status": "settlement", "signature_key": "0"}'


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_listening(port: int, server: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"runserver exited:\n{log.read_text()}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.1)
    pytest.fail(f"runserver did not start:\n{log.read_text()}")


@pytest.fixture
def budget_role():
    """A login role with BUDGET connections and the rights the web process needs."""
    suffix = re.sub(r"\W", "", os.environ.get("GOTONG_TEST_DB_SUFFIX", "")).lower()
    role = f"gotong_budget{suffix}"
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [role])
        if cursor.fetchone():
            cursor.execute(f"DROP OWNED BY {role}")
            cursor.execute(f"DROP ROLE {role}")
        cursor.execute(f"CREATE ROLE {role} LOGIN CONNECTION LIMIT {BUDGET}")
        cursor.execute(
            f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {role}"
        )
        cursor.execute(f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {role}")
    yield role
    with connection.cursor() as cursor:
        cursor.execute(f"DROP OWNED BY {role}")
        cursor.execute(f"DROP ROLE {role}")


@pytest.fixture
def dev_server(budget_role, tmp_path):
    """`manage.py runserver` as `make run` starts it, logged in as the budget role."""
    db = connection.settings_dict
    port = _free_port()
    env = {
        **os.environ,
        "DATABASE_URL": f"postgres://{budget_role}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "DB_CONN_MAX_AGE": "60",
        "DB_POOL_MIN_SIZE": "1",
        "DB_POOL_MAX_SIZE": str(POOL_MAX),
        "GOTONG_VAR_DIR": str(tmp_path),
        "PYTHONUNBUFFERED": "1",
    }
    env.pop("GOTONG_TEST_DB_SUFFIX", None)
    log = tmp_path / "runserver.log"
    with log.open("w") as out:
        server = subprocess.Popen(
            [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
            cwd=settings.BASE_DIR,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        _wait_listening(port, server, log)
        yield f"http://127.0.0.1:{port}", log
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_a_burst_of_notifications_waits_for_connections_instead_of_failing(dev_server):
    url, log = dev_server
    start = threading.Barrier(SENDERS)
    one_at_a_time = threading.Lock()

    def sender(_: int) -> list[int]:
        with requests.Session() as session:
            # Each client opens its keep-alive connection in turn (runserver's listen backlog
            # is 10: 32 connects at once are reset by the kernel, which is not what this
            # measures), then all of them send at once over their open connections.
            with one_at_a_time:
                first = session.post(
                    f"{url}/payments/midtrans/notification",
                    data=UNSIGNED,
                    headers={"Content-Type": "application/json"},
                    timeout=60,
                ).status_code
            start.wait()
            return [first] + [
                session.post(
                    f"{url}/payments/midtrans/notification",
                    data=UNSIGNED,
                    headers={"Content-Type": "application/json"},
                    timeout=60,
                ).status_code
                for _ in range(ROUNDS - 1)
            ]

    with ThreadPoolExecutor(max_workers=SENDERS) as pool:
        statuses = [status for batch in pool.map(sender, range(SENDERS)) for status in batch]

    assert statuses.count(500) == 0, log.read_text()[-3000:]
    assert statuses == [403] * (SENDERS * ROUNDS)
    recorded = PaymentNotification.objects.filter(outcome=NotificationOutcome.BAD_SIGNATURE)
    assert recorded.count() == SENDERS * ROUNDS
