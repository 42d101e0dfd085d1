"""DATABASE_REPLICA_URLS as config/settings.py reads it (decision 28), in a fresh interpreter."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PRINT_DATABASES = (
    "import json, config.settings as s; print(json.dumps({'replicas': s.DATABASE_REPLICAS, "
    "'databases': {a: {'HOST': d['HOST'], 'PORT': d['PORT'], 'pool': d['OPTIONS'].get('pool'), "
    "'TEST': d.get('TEST', {})} for a, d in s.DATABASES.items()}}))"
)
REPLICA_URLS = "postgres://gotong@10.0.0.2:5432/gotong, postgres://gotong@10.0.0.3:6432/gotong"


def databases(**env: str) -> dict:
    environment = {**os.environ, "GOTONG_TEST_DB_SUFFIX": "", **env}
    result = subprocess.run(
        [sys.executable, "-c", PRINT_DATABASES],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout)


def test_each_replica_url_is_a_mirrored_alias_with_the_primarys_pool_sizes():
    read = databases(
        DATABASE_URL="postgres://gotong@10.0.0.1:5432/gotong",
        DATABASE_REPLICA_URLS=REPLICA_URLS,
        DB_POOL_MAX_SIZE="3",
    )
    assert read["replicas"] == ["replica1", "replica2"]
    primary, one, two = (read["databases"][a] for a in ("default", "replica1", "replica2"))
    assert (one["HOST"], one["PORT"], two["HOST"], two["PORT"]) == (
        "10.0.0.2",
        5432,
        "10.0.0.3",
        6432,
    )
    assert primary["pool"] == {"min_size": 1, "max_size": 3, "timeout": 10}
    # A replica's sizes are the primary's; its wait is DATABASE_REPLICA_TIMEOUT (2 s), so a
    # replica that is down is left out quickly (gotong.core.routers).
    assert one["pool"] == two["pool"] == {"min_size": 1, "max_size": 3, "timeout": 2}
    assert one["TEST"] == two["TEST"] == {"MIRROR": "default"}


def test_sqlite_ignores_replica_urls():
    read = databases(
        DATABASE_URL="sqlite:////tmp/gotong-replica-settings.sqlite3",
        DATABASE_REPLICA_URLS=REPLICA_URLS,
    )
    assert read["replicas"] == []
    assert list(read["databases"]) == ["default"]
