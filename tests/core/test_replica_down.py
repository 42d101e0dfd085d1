"""A replica that cannot be reached (decision 28): public pages read the primary instead of
failing, and a process leaves the replica out for a while instead of waiting for it on every
page. The dead replica is a port where no server listens."""

from __future__ import annotations

import copy
import time

import pytest
from django.conf import settings as django_settings
from django.db import DEFAULT_DB_ALIAS, connection, connections

from gotong.core import routers
from gotong.core.money import rupiah
from tests.factories import CampaignFactory

DEAD = "replica_dead"

if django_settings.DATABASES[DEFAULT_DB_ALIAS]["ENGINE"] == "django.db.backends.postgresql":
    _primary = django_settings.DATABASES[DEFAULT_DB_ALIAS]
    connections.settings[DEAD] = {
        **copy.deepcopy(_primary),
        "HOST": "127.0.0.1",
        "PORT": 1,  # nothing listens there
        "OPTIONS": {
            **_primary.get("OPTIONS", {}),
            "connect_timeout": 1,
            "pool": {**_primary["OPTIONS"]["pool"], "timeout": 1},
        },
        "TEST": {**_primary.get("TEST", {}), "MIRROR": DEFAULT_DB_ALIAS},
    }
    pytestmark = pytest.mark.django_db(transaction=True, databases=[DEFAULT_DB_ALIAS, DEAD])
else:
    pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def dead_replica(settings):
    if connection.vendor != "postgresql":
        pytest.skip("replicas are PostgreSQL only: run with DATABASE_URL=postgres://…")
    settings.DATABASE_REPLICAS = [DEAD]
    settings.DATABASE_REPLICA_RETRY_SECONDS = 60
    settings.PAGE_CACHE_SECONDS = 0
    routers._down_until.clear()
    yield DEAD
    routers._down_until.clear()
    connections[DEAD].close_pool()


def test_a_public_page_reads_the_primary_when_its_replica_is_down(dead_replica, client):
    campaign = CampaignFactory(collected=1_250_000)
    response = client.get(campaign.get_absolute_url())
    assert response.status_code == 200
    assert rupiah(1_250_000) in response.content.decode()
    assert routers._down_until[DEAD] > time.monotonic()

    started = time.monotonic()
    assert client.get("/api/v1/campaigns").status_code == 200
    assert time.monotonic() - started < 1, "the replica left out is not tried again at once"


def test_the_replica_is_tried_again_after_the_retry_period(dead_replica, settings, client):
    routers._down_until[DEAD] = time.monotonic() - 1  # its period is over
    with routers.public_reads() as alias:
        assert alias is None  # tried, still down: the primary
    assert routers._down_until[DEAD] > time.monotonic() + 50
