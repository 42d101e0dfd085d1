from __future__ import annotations

import pytest
from django.db import transaction

from tests.regions.sample import sample_regions_load


@pytest.fixture(scope="module")
def regions(django_db_setup, django_db_blocker):
    """tests/conftest.py's `regions`, loaded once per module inside a transaction that is rolled
    back afterwards; each test runs in a savepoint within it."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield sample_regions_load()
        transaction.set_rollback(True)
