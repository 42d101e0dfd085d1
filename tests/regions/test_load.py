"""regions_load: the whole Kemendagri table, and loading it again changes nothing."""

from __future__ import annotations

import pytest
from django.db.models import Count

from gotong.regions.models import Region
from gotong.regions.services import regions_load

pytestmark = pytest.mark.django_db

COUNTS = {1: 38, 2: 514, 3: 7_285, 4: 83_762}


def _levels() -> dict[int, int]:
    rows = Region.objects.values_list("level").annotate(n=Count("code")).order_by("level")
    return dict(rows)


def _table() -> list[tuple]:
    return list(
        Region.objects.order_by("code").values_list(
            "code", "name", "level", "kind", "parent_id", "path", "postal_code"
        )
    )


@pytest.mark.slow
def test_all_regions_load_and_a_second_load_changes_nothing():
    first = regions_load()
    assert first.by_level == COUNTS
    assert first.total == 91_599
    assert _levels() == COUNTS
    before = _table()
    second = regions_load()
    assert second.by_level == COUNTS
    assert _table() == before
    assert Region.objects.filter(level__gt=1, parent__isnull=True).count() == 0
    assert Region.objects.filter(level=4).exclude(postal_code="").count() > 80_000


def test_a_partial_load_brings_the_parents_along():
    result = regions_load(within="73.71.07")
    assert result.by_level == {1: 1, 2: 1, 3: 1, 4: 15}
    tallo = Region.objects.get(code="73.71.07")
    assert tallo.parent.parent.name == "Sulawesi Selatan"
    assert tallo.path == "Tallo, Kota Makassar, Sulawesi Selatan"
    assert tallo.get_kind_display() == "Kecamatan"
