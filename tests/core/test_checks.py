"""gotong.E001: with DEBUG off, no collected static files means the platform refuses to start
(`check --deploy`, which gunicorn runs through deploy/gunicorn.conf.py) instead of answering
every page with a 500."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.checks import run_checks
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.test import override_settings

MANIFEST = {"staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"}}
STORAGES = {**settings.STORAGES, **MANIFEST}


def test_debug_off_without_a_manifest_refuses_and_names_collectstatic(tmp_path):
    with (
        override_settings(DEBUG=False, STORAGES=STORAGES, STATIC_ROOT=tmp_path),
        pytest.raises(SystemCheckError) as raised,
    ):
        call_command("check", deploy=True, fail_level="ERROR")
    assert "gotong.E001" in str(raised.value)
    assert "python manage.py collectstatic --noinput" in str(raised.value)


def _manifest_errors() -> list[str]:
    """gotong.E001 among every deploy check (others, such as the test run's own environment,
    are not this check's business)."""
    return [m.id for m in run_checks(include_deployment_checks=True) if m.id == "gotong.E001"]


def test_a_collected_manifest_passes(tmp_path):
    (tmp_path / "staticfiles.json").write_text('{"paths": {}, "version": "1.1"}')
    with override_settings(DEBUG=False, STORAGES=STORAGES, STATIC_ROOT=tmp_path):
        assert _manifest_errors() == []


def test_debug_on_needs_no_manifest(tmp_path):
    with override_settings(DEBUG=True, STORAGES=STORAGES, STATIC_ROOT=tmp_path):
        assert _manifest_errors() == []


def test_manage_py_check_deploy_fails_with_debug_off_and_an_empty_static_root(tmp_path):
    env = {**os.environ, "DEBUG": "false", "SECRET_KEY": "x" * 60, "GOTONG_VAR_DIR": str(tmp_path)}
    checked = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert checked.returncode == 1
    assert "gotong.E001" in checked.stderr
    assert "python manage.py collectstatic --noinput" in checked.stderr
