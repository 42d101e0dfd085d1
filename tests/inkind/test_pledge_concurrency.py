"""16 helpers pledge the last 10 masks of a line at the same moment: the line is never
over-pledged, and what it shows as pledged is exactly what the accepted pledges hold."""

from __future__ import annotations

import datetime
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import timezone

from gotong.inkind.catalogue import Item
from gotong.inkind.models import NeedLine, Pledge
from gotong.inkind.needs import LineInput
from gotong.inkind.pledges import pledge_create
from gotong.regions.services import regions_load
from tests.factories import UserFactory, staff_with_role
from tests.inkind.conftest import HELPER_PHONE, need_open

HELPERS = 16


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("each", [1, 3])
def test_sixteen_helpers_pledging_the_last_units_over_pledge_by_zero(each):
    regions_load(within="73.71.07")
    need = need_open(
        staff_with_role("moderator"), lines=[LineInput(item=Item.MASKER, quantity=200)]
    )
    line = need.lines.get()
    NeedLine.objects.filter(pk=line.pk).update(pledged=190)  # as if 190 were pledged already
    helpers = [UserFactory() for _ in range(HELPERS)]
    start = threading.Barrier(HELPERS)
    deliver_by = timezone.localdate() + datetime.timedelta(days=2)

    def attempt(helper) -> str:
        try:
            start.wait()
            pledge_create(
                actor=helper, line=line, quantity=each, deliver_by=deliver_by, whatsapp=HELPER_PHONE
            )
            return "pledged"
        except ValidationError:
            return "refused"
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=HELPERS) as pool:
        results = list(pool.map(attempt, helpers))

    line.refresh_from_db()
    held = sum(Pledge.objects.filter(line=line).values_list("quantity", flat=True))
    assert line.pledged == 190 + held <= line.quantity
    assert results.count("pledged") == 10 // each  # every unit that fits is taken
    assert results.count("refused") == HELPERS - 10 // each
