from __future__ import annotations

import pytest
from django.db import connection, transaction

from tests.search.corpus import corpus_create


@pytest.fixture(scope="module")
def corpus(django_db_setup, django_db_blocker):
    """The corpus, made once per module inside a transaction that is rolled back afterwards;
    each test runs in a savepoint within it."""
    with django_db_blocker.unblock(), transaction.atomic():
        campaigns = corpus_create()
        yield campaigns
        transaction.set_rollback(True)


def on_postgres() -> bool:
    return connection.vendor == "postgresql"
