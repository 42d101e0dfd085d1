"""Random sequences of pledge moves, by the right and the wrong people, against the tables:
afterwards the line's counters equal what its pledges hold and deliver, and the need is
fulfilled exactly when every line is delivered."""

from __future__ import annotations

import contextlib
import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gotong.inkind.catalogue import Item
from gotong.inkind.models import AidEvent, NeedLine, Pledge
from gotong.inkind.needs import LineInput
from gotong.inkind.pledges import (
    handover_code,
    pledge_accept,
    pledge_confirm,
    pledge_create,
    pledge_decline,
    pledge_deliver,
    pledge_dispute,
    pledge_resolve,
    pledge_withdraw,
    pledges_lapse,
)
from gotong.inkind.transitions import HOLDS, NeedStatus, PledgeStatus
from tests.factories import UserFactory
from tests.inkind.conftest import HELPER_PHONE, need_open, photo

pytestmark = pytest.mark.usefixtures("tallo")

EVENTS = [
    "accept",
    "decline",
    "withdraw",
    "deliver",
    "confirm",
    "confirm_wrong",
    "dispute",
    "resolve_delivered",
    "resolve_cancelled",
    "lapse",
]
WHO = ["helper", "poster", "stranger", "moderator"]


def _apply(event: str, who, pledge: Pledge, moderator) -> None:
    pledge.refresh_from_db()
    code = handover_code(pledge) if pledge.accepted_at else "000000"
    calls = {
        "accept": lambda: pledge_accept(pledge=pledge, actor=who),
        "decline": lambda: pledge_decline(pledge=pledge, actor=who),
        "withdraw": lambda: pledge_withdraw(pledge=pledge, actor=who),
        "deliver": lambda: pledge_deliver(pledge=pledge, actor=who, photo=photo()),
        "confirm": lambda: pledge_confirm(pledge=pledge, actor=who, code=code),
        "confirm_wrong": lambda: pledge_confirm(pledge=pledge, actor=who, code="x"),
        "dispute": lambda: pledge_dispute(pledge=pledge, actor=who, reason="masalah"),
        "resolve_delivered": lambda: pledge_resolve(
            pledge=pledge, actor=who, delivered=True, reason="ok"
        ),
        "resolve_cancelled": lambda: pledge_resolve(
            pledge=pledge, actor=who, delivered=False, reason="batal"
        ),
        "lapse": lambda: pledges_lapse(today=timezone.localdate() + datetime.timedelta(days=30)),
    }
    with contextlib.suppress(PermissionDenied, ValidationError):
        calls[event]()


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(
        st.tuples(st.integers(0, 2), st.sampled_from(EVENTS), st.sampled_from(WHO)),
        max_size=25,
    )
)
def test_random_pledge_moves_keep_the_counters_equal_to_the_pledges(moderator, steps):
    need = need_open(moderator, lines=[LineInput(item=Item.MASKER, quantity=10)])
    line = need.lines.get()
    deliver_by = timezone.localdate() + datetime.timedelta(days=2)
    pledges = [
        pledge_create(
            actor=UserFactory(), line=line, quantity=q, deliver_by=deliver_by, whatsapp=HELPER_PHONE
        )
        for q in (3, 4, 3)
    ]
    stranger = UserFactory()
    for index, event, who in steps:
        p = pledges[index]
        actor = {
            "helper": p.helper,
            "poster": need.poster,
            "stranger": stranger,
            "moderator": moderator,
        }[who]
        _apply(event, actor, p, moderator)

    line = NeedLine.objects.get(pk=line.pk)
    rows = list(Pledge.objects.filter(line=line).values_list("status", "quantity"))
    assert line.pledged == sum(q for status, q in rows if status in HOLDS)
    assert line.delivered == sum(q for status, q in rows if status == PledgeStatus.CONFIRMED)
    assert 0 <= line.delivered <= line.pledged <= line.quantity
    need.refresh_from_db()
    assert (need.status == NeedStatus.FULFILLED) == (line.delivered == line.quantity)
    applied = AidEvent.objects.filter(need=need, pledge__isnull=False, outcome="applied")
    for p in Pledge.objects.filter(line=line):
        last = applied.filter(pledge=p).order_by("-id").first()
        assert last is not None
        assert last.to_status == p.status
