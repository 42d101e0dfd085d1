"""LOG_FORMAT=json writes one JSON object per line (time, level, logger, message); a line
written while serving a request carries its request id, which the answer echoes."""

from __future__ import annotations

import datetime
import io
import json
import logging
import os
import subprocess
import sys

import pytest
from django.conf import settings

from gotong.core.logs import JsonFormatter, RequestIdFilter


def test_json_lines_from_a_process_started_with_log_format_json():
    code = "import logging; logging.getLogger('gotong.coba').warning('donasi %s', 'masuk')"
    done = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=settings.BASE_DIR,
        env={**os.environ, "LOG_FORMAT": "json"},
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    [line] = [line for line in done.stderr.splitlines() if "gotong.coba" in line]
    record = json.loads(line)
    assert record["level"] == "WARNING"
    assert record["logger"] == "gotong.coba"
    assert record["message"] == "donasi masuk"
    assert datetime.datetime.fromisoformat(record["time"]).tzinfo is not None
    assert "request_id" not in record


def test_an_unknown_log_format_is_refused():
    done = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=settings.BASE_DIR,
        env={**os.environ, "LOG_FORMAT": "xml"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode != 0
    assert "LOG_FORMAT must be text or json" in done.stderr


@pytest.fixture
def json_lines():
    """What the django.request logger writes through the JSON handler of LOG_FORMAT=json."""
    out = io.StringIO()
    handler = logging.StreamHandler(out)
    handler.addFilter(RequestIdFilter())
    handler.setFormatter(JsonFormatter())
    logger = logging.getLogger("django.request")
    logger.addHandler(handler)
    yield lambda: [json.loads(line) for line in out.getvalue().splitlines()]
    logger.removeHandler(handler)


@pytest.mark.django_db
def test_a_request_line_carries_the_request_id_the_answer_echoes(client, json_lines):
    response = client.get("/metrics", headers={"X-Request-ID": "lb-7f3a.1"}, REMOTE_ADDR="10.1.1.1")
    assert response.status_code == 401
    assert response["X-Request-ID"] == "lb-7f3a.1"
    [line] = json_lines()
    assert line["request_id"] == "lb-7f3a.1"
    assert line["level"] == "WARNING"
    assert "/metrics" in line["message"]


@pytest.mark.django_db
def test_an_odd_request_id_is_replaced_by_a_new_one(client):
    response = client.get("/healthz", headers={"X-Request-ID": "<script>" * 3})
    given = response["X-Request-ID"]
    assert len(given) == 32
    assert given != client.get("/healthz")["X-Request-ID"]
