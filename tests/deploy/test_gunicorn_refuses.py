"""gunicorn started with deploy/gunicorn.conf.py refuses to start, naming `collectstatic`, when
DEBUG is off and the static files were not collected (gotong.E001), instead of serving every
page as a 500."""

from __future__ import annotations

import os
import subprocess

import pytest

from tests.deploy import stack


@pytest.mark.slow
def test_gunicorn_refuses_to_start_without_collected_static_files(tmp_path):
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'site.sqlite3'}",
        "GOTONG_VAR_DIR": str(tmp_path),
        "DEBUG": "false",
        "SECRET_KEY": "x" * 60,
    }
    cmd, extra = stack.web_command(stack.free_port())
    started = subprocess.run(
        cmd, cwd=stack.ROOT, env={**env, **extra}, capture_output=True, text=True, timeout=60
    )
    assert started.returncode != 0
    assert "gotong.E001" in started.stderr
    assert "python manage.py collectstatic --noinput" in started.stderr
    assert "Gotong refuses to start" in started.stderr
