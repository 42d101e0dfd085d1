"""`/healthz` answers while the process lives, without the database; `/readyz` checks the
database, the cache and the migrations, and says 503 with the failing check."""

from __future__ import annotations

import pytest
from django.db.migrations.recorder import MigrationRecorder


def test_healthz_says_ok_without_the_database(client):
    """No django_db mark: any query would fail the request."""
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok\n"
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_readyz_reports_each_check(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "checks": {"database": "ok", "cache": "ok", "migrations": "ok"},
    }


@pytest.mark.django_db
def test_readyz_is_unavailable_while_a_migration_is_not_applied(client):
    MigrationRecorder.Migration.objects.filter(app="core").delete()
    response = client.get("/readyz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unavailable"
    assert body["checks"]["migrations"] == "error: 1 migration(s) not applied"
    assert body["checks"]["database"] == "ok"


@pytest.mark.django_db
def test_readyz_is_unavailable_when_the_cache_is_unreachable(client, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            # Nothing listens on port 1.
            "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": {"socket_connect_timeout": 0.5},
        }
    }
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"]["cache"].startswith("error: ")
    assert response.json()["checks"]["database"] == "ok"


def test_readyz_is_unavailable_when_the_database_is_unreachable(client, settings):
    """No django_db mark: the test database is out of reach, as a database that is down."""
    response = client.get("/readyz")
    assert response.status_code == 503
    checks = response.json()["checks"]
    assert checks["database"].startswith("error: ")
    assert checks["cache"] == "ok"
