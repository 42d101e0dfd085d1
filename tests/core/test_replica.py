"""Read replicas against a real streaming standby (decision 28).

The standby is 127.0.0.1:5433, a pg_basebackup of the 5432 primary made by `.ci/replica.sh`.
It replicates the whole cluster, the test database included, so the replica's alias is the
primary's settings with the standby's port: rows a test commits on the primary appear there
once replayed. Without the standby these tests are skipped, except in CI, where they fail.
"""

from __future__ import annotations

import copy
import os
import re
import time
from collections.abc import Iterator

import psycopg
import pytest
from django.conf import settings as django_settings
from django.db import DEFAULT_DB_ALIAS, connection, connections, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext

from gotong.accounts.models import User
from gotong.campaigns.models import Campaign
from gotong.core.money import rupiah
from gotong.core.replica_reads import PIN_COOKIE
from gotong.core.routers import public_reads
from gotong.donations.transitions import DonationEvent
from gotong.payments.services import donation_event_apply
from tests import midtrans
from tests.factories import CampaignFactory, DonationFactory

ALIAS = "replica_test"
STANDBY = {"host": "127.0.0.1", "port": 5433, "user": "postgres", "dbname": "postgres"}
NOTIFICATION_URL = "/payments/midtrans/notification"

# The alias exists from collection on, before the test database is made: Django then points it
# at the test database as a mirror of the primary (TEST MIRROR), the tests may name it in their
# databases, and the flush between tests leaves it alone. Nothing reads it unless a test's
# `replica` fixture lists it in DATABASE_REPLICAS.
if django_settings.DATABASES[DEFAULT_DB_ALIAS]["ENGINE"] == "django.db.backends.postgresql":
    _primary = django_settings.DATABASES[DEFAULT_DB_ALIAS]
    connections.settings[ALIAS] = {
        **copy.deepcopy(_primary),
        "HOST": STANDBY["host"],
        "PORT": STANDBY["port"],
        "TEST": {**_primary.get("TEST", {}), "MIRROR": DEFAULT_DB_ALIAS},
    }
    pytestmark = pytest.mark.django_db(transaction=True, databases=[DEFAULT_DB_ALIAS, ALIAS])
else:
    pytestmark = pytest.mark.django_db(transaction=True)


def standby(sql: str, params: tuple[object, ...] = ()) -> object:
    with psycopg.connect(**STANDBY, connect_timeout=3, autocommit=True) as conn:
        row = conn.execute(sql, params).fetchone()
    return row[0] if row else None


def standby_ready() -> bool:
    try:
        return standby("SELECT pg_is_in_recovery()") is True
    except psycopg.OperationalError:
        return False


def replica_caught_up() -> None:
    """Wait until the standby has replayed everything the primary has written so far."""
    with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
        cursor.execute("SELECT pg_current_wal_lsn()::text")
        lsn = cursor.fetchone()[0]
    deadline = time.monotonic() + 30
    while not standby("SELECT pg_last_wal_replay_lsn() >= %s::pg_lsn", (lsn,)):
        assert time.monotonic() < deadline, f"the standby has not replayed {lsn} in 30 s"
        time.sleep(0.05)


@pytest.fixture
def replica(settings) -> Iterator[str]:
    if connection.vendor != "postgresql":
        pytest.skip("replicas are PostgreSQL only: run with DATABASE_URL=postgres://…")
    if not standby_ready():
        message = "127.0.0.1:5433 is not a streaming standby of 5432: run .ci/replica.sh"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    settings.DATABASE_REPLICAS = [ALIAS]
    settings.PAGE_CACHE_SECONDS = 0  # what a page shows is what its database read
    try:
        replica_caught_up()
        yield ALIAS
    finally:
        connections[ALIAS].close()
        connections[ALIAS].close_pool()


class Queries:
    """The SQL that ran on the primary and on the replica inside the block."""

    def __enter__(self) -> Queries:
        self._contexts = [CaptureQueriesContext(connections[DEFAULT_DB_ALIAS])]
        self._contexts.append(CaptureQueriesContext(connections[ALIAS]))
        for context in self._contexts:
            context.__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        for context in self._contexts:
            context.__exit__(*exc)
        self.primary = [query["sql"] for query in self._contexts[0].captured_queries]
        self.replica = [query["sql"] for query in self._contexts[1].captured_queries]


def on(queries: list[str], table: str) -> bool:
    return any(f'"{table}"' in sql for sql in queries)


def collected(response) -> str:
    return re.search(r'data-testid="collected">([^<]*)<', response.content.decode()).group(1)


def settle(client: Client, donation) -> None:
    payload = midtrans.notification(donation.order_id, donation.amount, "settlement")
    response = client.post(NOTIFICATION_URL, data=payload, content_type="application/json")
    assert response.json()["outcome"] == "applied"


def test_the_router_reads_the_replica_only_inside_a_public_scope_and_outside_transactions(
    replica,
):
    campaign = CampaignFactory()
    replica_caught_up()

    with Queries() as outside:
        Campaign.objects.filter(pk=campaign.pk).exists()
    assert on(outside.primary, "campaigns_campaign")
    assert outside.replica == []

    with public_reads() as alias, Queries() as inside:
        assert alias == replica
        on_copy = Campaign.objects.get(pk=campaign.pk)
    assert on(inside.replica, "campaigns_campaign")
    assert not on(inside.primary, "campaigns_campaign")

    with public_reads(), Queries() as kept:
        User.objects.filter(pk=campaign.owner_id).exists()  # who someone is: the primary
        Campaign.objects.filter(pk=campaign.pk).update(title="Judul baru")  # a write
        with transaction.atomic():
            Campaign.objects.filter(pk=campaign.pk).exists()  # a read in a transaction
            assert on_copy.owner.pk == campaign.owner_id  # a relation of a replica's row
    assert on(kept.primary, "accounts_user")
    assert on(kept.primary, "campaigns_campaign")
    assert kept.replica == []


def test_money_code_inside_a_public_scope_reads_and_writes_the_primary(replica):
    donation = DonationFactory(amount=50_000)
    replica_caught_up()
    with public_reads(), Queries() as queries:
        # The settlement's transaction, and after its commit the receipt email's reads (the
        # scope has written by then).
        donation_event_apply(donation=donation, event=DonationEvent.PAID)
    assert on(queries.primary, "donations_donation")
    assert queries.replica == []
    assert Campaign.objects.get(pk=donation.campaign_id).collected == 50_000


def test_a_campaign_page_reads_the_replica_and_a_post_pins_the_browser_to_the_primary(
    replica, client
):
    donation = DonationFactory(amount=50_000)
    replica_caught_up()
    page = donation.campaign.get_absolute_url()

    with Queries() as get:
        assert client.get(page).status_code == 200
    assert on(get.replica, "campaigns_campaign")
    assert not on(get.primary, "campaigns_campaign")

    with Queries() as post:
        payload = midtrans.notification(donation.order_id, 50_000, "settlement")
        response = client.post(NOTIFICATION_URL, data=payload, content_type="application/json")
    assert response.json()["outcome"] == "applied"
    assert on(post.primary, "donations_donation")
    assert post.replica == []
    assert response.cookies[PIN_COOKIE]["max-age"] == 30

    with Queries() as pinned:
        assert collected(client.get(page)) == rupiah(50_000)
    assert on(pinned.primary, "campaigns_campaign")
    assert pinned.replica == []


def test_the_donors_own_pages_always_read_the_primary(replica, client):
    donation = DonationFactory()
    donation_event_apply(donation=donation, event=DonationEvent.PAID)
    replica_caught_up()
    own = (
        f"/donasi/{donation.order_id}/",
        f"/kuitansi/{donation.order_id}/",
        "/donasi-saya/",
        "/dasbor/",
        "/staf/tinjauan/",
    )
    for url in own:
        with Queries() as queries:
            assert client.get(url).status_code in (200, 302), url
        assert queries.replica == [], url


def test_a_lagging_replica_never_hides_a_donors_settlement_from_them(replica):
    donation = DonationFactory(amount=50_000)
    page = donation.campaign.get_absolute_url()
    replica_caught_up()
    assert collected(Client().get(page)) == rupiah(0)

    standby("SELECT pg_wal_replay_pause()")
    try:
        deadline = time.monotonic() + 10
        while standby("SELECT pg_get_wal_replay_pause_state()") != "paused":
            assert time.monotonic() < deadline, "the standby did not pause its replay"
            time.sleep(0.05)
        donor = Client()
        settle(donor, donation)

        # The thank-you page reads the primary, for any browser: settled.
        finish = Client().get(f"/donasi/{donation.order_id}/").content.decode()
        assert "Terima kasih, donasi Anda berhasil!" in finish
        # The paused replica still has the campaign before the donation...
        assert collected(Client().get(page)) == rupiah(0)
        # ...but the donor's browser is pinned to the primary and sees its own gift counted.
        assert collected(donor.get(page)) == rupiah(50_000)
    finally:
        standby("SELECT pg_wal_replay_resume()")

    replica_caught_up()
    assert collected(Client().get(page)) == rupiah(50_000)
