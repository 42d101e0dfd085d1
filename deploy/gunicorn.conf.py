"""gunicorn settings for Gotong: `gunicorn -c deploy/gunicorn.conf.py config.wsgi:application`.

Every value can be overridden from the environment (GUNICORN_BIND, GUNICORN_WORKERS, …) so one
file serves every machine; docs/deploy.md explains each. Before it forks a worker, gunicorn runs
Django's deploy checks and refuses to start on any error (e.g. gotong.E001: DEBUG off and
`collectstatic` not run)."""

from __future__ import annotations

import multiprocessing
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Two workers per core; each worker is a process with its own connection pool.
workers = int(os.environ.get("GUNICORN_WORKERS", 2 * multiprocessing.cpu_count()))
# Two threads per worker, not more: the request path is CPU-bound Python and the threads of one
# process share one GIL (docs/architecture.md, "Database connections"). Keep DB_POOL_MAX_SIZE
# at this number: a worker never uses more connections than it has threads.
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", 2))
# A request that takes longer than this is killed (the gateway calls time out at
# MIDTRANS_HTTP_TIMEOUT, 15 s, well before); nginx's proxy_read_timeout is a little longer.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 30))
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then, jittered so they do not all restart at once.
max_requests = 2000
max_requests_jitter = 200

# Behind nginx on the same machine: trust X-Forwarded-For/Proto from it only.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1,::1")

accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
errorlog = os.environ.get("GUNICORN_ERROR_LOG", "-")
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
# Client (from X-Forwarded-For), request line, status, bytes, duration in ms, referer, agent.
access_log_format = '%({x-forwarded-for}i)s %(h)s "%(r)s" %(s)s %(B)s %(M)sms "%(f)s" "%(a)s"'


def on_starting(server: Any) -> None:
    """Run Django's deploy checks before serving; an error stops gunicorn. In a child process:
    the master imports no Django, so workers forked after a reload (HUP) load the new code."""
    manage = Path(__file__).resolve().parent.parent / "manage.py"
    check = [sys.executable, str(manage), "check", "--deploy", "--fail-level", "ERROR"]
    if subprocess.run(check, cwd=manage.parent, check=False).returncode != 0:  # noqa: S603
        server.log.error("Gotong refuses to start: `manage.py check --deploy` failed (above)")
        raise SystemExit(1)
