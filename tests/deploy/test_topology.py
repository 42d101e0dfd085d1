"""The documented production topology (docs/deploy.md), started on this machine: two gunicorn
processes on two ports with deploy/gunicorn.conf.py, two `db_worker`s and two `scheduler`s,
one fresh PostgreSQL database, Redis, static files collected, DEBUG off.

Donations are started on one web process and paid in the built-in Midtrans sandbox; the
sandbox's notification (sent by a worker) reaches the other web process, the address the
platform is known by (PUBLIC_BASE_URL, what a load balancer would spread). Both web processes
then show the settled total, a worker sent each receipt email, a worker sealed the
transparency log and `tools/verify_log.py` verifies it, and `verify_ledger` balances."""

from __future__ import annotations

import re
import subprocess

import pytest
import requests

from tests.deploy import stack

pytestmark = [pytest.mark.slow, stack.postgresql_only()]

CAMPAIGN = """
from tests.factories import CampaignFactory
print(CampaignFactory().slug)
"""
RECEIPT_TASK = "gotong.notifications.tasks.send_receipt_email"
SEAL_TASKS = ["gotong.transparency.tasks.seal_log_requested", "gotong.transparency.tasks.seal_log"]
WORKERS = {"worker-a", "worker-b"}


def donate(web: str, slug: str, *, amount: int, email: str) -> str:
    """Start a donation on `web` and pay it on that web's sandbox page; its order id."""
    with requests.Session() as browser:
        form = browser.get(f"{web}/kampanye/{slug}/donasi/", timeout=30)
        assert form.status_code == 200
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.text)
        assert token, "the donation form has no CSRF token"
        started = browser.post(
            f"{web}/kampanye/{slug}/donasi/",
            {
                "csrfmiddlewaretoken": token.group(1),
                "preset": str(amount),
                "name": "Sari",
                "email": email,
            },
            allow_redirects=False,
            timeout=60,
        )
        assert started.status_code in (302, 303), started.text[-2000:]
        pay_path = re.search(r"/sandbox/midtrans/pay/[0-9a-f-]+/", started.headers["Location"])
        assert pay_path, started.headers["Location"]
        page = browser.get(web + pay_path.group(0), timeout=30)
        order_id = re.search(r"GTG-[\w-]+", page.text)
        assert order_id, "the sandbox page names no order"
        chosen = browser.post(
            f"{web}{pay_path.group(0)}method", {"payment_type": "qris"}, timeout=30
        )
        assert chosen.status_code == 200, chosen.text[-2000:]
        paid = browser.post(
            f"{web}{pay_path.group(0)}finish", {"transaction_status": "settlement"}, timeout=60
        )
        assert paid.status_code == 200, paid.text[-2000:]
        return order_id.group(0)


def finished(dbname: str, task_paths: list[str]) -> list[tuple[list[str]]]:
    """The worker ids of every task of `task_paths` that has run successfully."""
    return stack.query(
        dbname,
        "SELECT worker_ids FROM django_tasks_database_dbtaskresult "
        "WHERE task_path = ANY(%s) AND status = 'SUCCESSFUL'",
        (task_paths,),
    )


def tree_size(web: str) -> int:
    """The size of the latest signed tree head (0 before the first seal)."""
    head = requests.get(f"{web}/transparency/log/head", timeout=30)
    return head.json()["tree_size"] if head.status_code == 200 else 0


def collected(web: str, slug: str) -> str:
    page = requests.get(f"{web}/kampanye/{slug}/", timeout=30)
    assert page.status_code == 200
    match = re.search(r'data-testid="collected">([^<]+)<', page.text)
    return match.group(1) if match else ""


def test_two_webs_two_workers_two_schedulers_settle_seal_and_verify(tmp_path):
    stack.redis_required()
    ports = {"a": stack.free_port(), "b": stack.free_port()}
    web = {name: f"http://127.0.0.1:{port}" for name, port in ports.items()}
    processes = stack.Processes(tmp_path / "logs")
    with stack.fresh_database("topology") as dbname:
        env = stack.production_env(var=tmp_path / "var", dbname=dbname, public_base_url=web["b"])
        env.update(PAYMENT_GATEWAYS="midtrans", LOG_SEAL_DELAY_SECONDS="1", PAGE_CACHE_SECONDS="1")
        try:
            stack.manage_together(
                env, ["collectstatic", "--noinput", "-v", "0"], ["migrate", "--noinput", "-v", "0"]
            )
            slug = stack.manage(env, "shell", "-v", "0", "-c", CAMPAIGN).strip().splitlines()[-1]
            for name, port in ports.items():
                cmd, extra = stack.web_command(port)
                processes.start(f"web-{name}", cmd, {**env, **extra})
            for name in ("a", "b"):
                processes.start(f"worker-{name}", stack.worker_command(f"worker-{name}"), env)
                processes.start(f"scheduler-{name}", stack.scheduler_command(5), env)
            for name, port in ports.items():
                processes.wait_listening(f"web-{name}", port)

            orders = [
                donate(web["a"], slug, amount=50_000, email="sari.a@example.com"),
                donate(web["b"], slug, amount=25_000, email="sari.b@example.com"),
            ]

            for name in ("a", "b"):
                stack.wait_for(
                    f"the settled total on web {name}",
                    lambda name=name: collected(web[name], slug) == "Rp 75.000",
                )
                for order_id in orders:
                    finish = requests.get(f"{web[name]}/donasi/{order_id}/", timeout=30)
                    assert finish.status_code == 200
            # The sandbox's notifications went to PUBLIC_BASE_URL: web B answered them.
            notified = re.findall(
                r'"POST /payments/midtrans/notification HTTP/1.1" 200',
                processes.log("web-b").read_text(),
            )
            assert len(notified) >= len(orders)

            receipts = stack.wait_for(
                "both receipt emails sent by a worker",
                lambda: (
                    (rows := finished(dbname, [RECEIPT_TASK])) and len(rows) >= len(orders) and rows
                ),
            )
            assert all(set(worker_ids) <= WORKERS and worker_ids for (worker_ids,) in receipts)
            worker_logs = "".join(processes.log(f"worker-{n}").read_text() for n in ("a", "b"))
            assert "sari.a@example.com" in worker_logs
            assert "sari.b@example.com" in worker_logs

            entries = stack.query(dbname, "SELECT count(*) FROM ledger_journalentry")[0][0]
            stack.wait_for(
                "a signed tree head over every ledger entry",
                lambda: tree_size(web["a"]) >= entries,
            )
            sealers = finished(dbname, SEAL_TASKS)
            assert any(set(worker_ids) & WORKERS for (worker_ids,) in sealers)

            verified = subprocess.run(
                [stack.PYTHON, "tools/verify_log.py", web["a"], "--state", str(tmp_path / "s")],
                cwd=stack.ROOT,
                capture_output=True,
                text=True,
                timeout=60,
            )
            assert verified.returncode == 0, verified.stdout + verified.stderr
            assert "VERIFIED" in verified.stdout
            assert "ledger OK" in stack.manage(env, "verify_ledger")
            processes.all_running()
        finally:
            processes.stop()
