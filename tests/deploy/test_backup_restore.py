"""The backup and restore of docs/deploy.md, drilled: demo data on a fresh database, the log
sealed and verified by `tools/verify_log.py` (its state file saved, as a journalist's would
be), then the backup (`pg_dump -Fc`, the transparency signing key, the media), a restore into a
new database on a new machine directory, and the restored site served at the same address:
`verify_ledger` balances, and `verify_log.py` with the saved state finds the log only grew,
also after a donation settled and sealed on the restored copy (signed with the restored key)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.deploy import stack

pytestmark = [pytest.mark.slow, stack.postgresql_only()]

KEY_FILE = "log-signing-key"
SETTLE_ONE_MORE = """
from gotong.campaigns.models import Campaign
from gotong.donations.transitions import DonationEvent
from gotong.payments.services import donation_event_apply
from tests.factories import DonationFactory
campaign = Campaign.objects.filter(status="published").order_by("pk").first()
donation_event_apply(donation=DonationFactory(campaign=campaign), event=DonationEvent.PAID)
"""


def pg_tool(*args: str) -> None:
    done = subprocess.run(args, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, f"{args[0]}: {done.stderr[-3000:]}"


def verify_log(url: str, state: Path) -> str:
    done = subprocess.run(
        [stack.PYTHON, "tools/verify_log.py", url, "--state", str(state)],
        cwd=stack.ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def serve(processes: stack.Processes, name: str, env: dict[str, str], port: int) -> None:
    cmd, extra = stack.web_command(port)
    processes.start(name, cmd, {**env, **extra})
    processes.wait_listening(name, port)


def test_a_restored_backup_keeps_the_ledger_and_the_log_verifiable(tmp_path):
    for tool in ("pg_dump", "pg_restore"):
        if shutil.which(tool) is None:
            pytest.fail(f"{tool} is missing (apt-get install postgresql-client)", pytrace=False)
    port = stack.free_port()
    url = f"http://127.0.0.1:{port}"
    state, dump, backup = tmp_path / "verify-state.json", tmp_path / "gotong.dump", tmp_path / "b"
    processes = stack.Processes(tmp_path / "logs")
    with stack.fresh_database("backup") as original, stack.fresh_database("restored") as restored:
        var = tmp_path / "var"
        env = stack.production_env(var=var, dbname=original, public_base_url=url)
        env["REDIS_URL"] = ""  # one process at a time here: the local-memory cache will do
        try:
            stack.manage_together(
                env, ["collectstatic", "--noinput", "-v", "0"], ["migrate", "--noinput", "-v", "0"]
            )
            stack.manage(env, "regions_load", "--within", "73.71")
            stack.manage(env, "seed_demo")
            stack.manage(env, "seal_log")
            serve(processes, "web", env, port)
            verify_log(url, state)
            processes.stop()

            # The backup: the database, the key that signs tree heads, the media.
            db = stack.database_url(original)
            pg_tool("pg_dump", "-Fc", "--no-owner", "-f", str(dump), db)
            backup.mkdir()
            shutil.copy2(var / KEY_FILE, backup / KEY_FILE)
            if (var / "media").exists():
                shutil.copytree(var / "media", backup / "media")

            # The restore, on a "new machine": another database, another GOTONG_VAR_DIR.
            new_var = tmp_path / "new-var"
            new_var.mkdir()
            pg_tool("pg_restore", "--no-owner", "-d", stack.database_url(restored), str(dump))
            shutil.copy2(backup / KEY_FILE, new_var / KEY_FILE)
            if (backup / "media").exists():
                shutil.copytree(backup / "media", new_var / "media")
            new_env = stack.production_env(var=new_var, dbname=restored, public_base_url=url)
            new_env["REDIS_URL"] = ""
            stack.manage(new_env, "collectstatic", "--noinput", "-v", "0")
            assert "ledger OK" in stack.manage(new_env, "verify_ledger")
            stack.manage(new_env, "shell", "-v", "0", "-c", SETTLE_ONE_MORE)
            stack.manage(new_env, "seal_log")
            assert "ledger OK" in stack.manage(new_env, "verify_ledger")

            serve(processes, "web-restored", new_env, port)
            verified = verify_log(url, state)
            assert "consistency proof from your saved head" in verified
            assert "VERIFIED" in verified
        finally:
            processes.stop()
