"""Open data's in-kind rollup (decision 38) after random sequences of need, pledge and delivery
moves, by the right and the wrong people, across months and two kabupaten/kota: the rows the
services kept equal the sums recomputed from the needs, pledges and events, and their totals
equal the lines' own counters."""

from __future__ import annotations

import contextlib
import datetime
import zoneinfo

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.db.models import Sum
from django.utils import timezone
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from gotong.inkind.catalogue import Item
from gotong.inkind.models import AidMonth, Need, NeedLine, Pledge
from gotong.inkind.needs import LineInput, need_close, needs_expire
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
from gotong.inkind.rollup import aid_months_from_source, aid_months_rebuild, aid_months_verify
from tests.factories import UserFactory
from tests.inkind.conftest import HELPER_PHONE, need_open, photo

pytestmark = pytest.mark.usefixtures("regions")

START = datetime.datetime(2026, 1, 30, 9, 0, tzinfo=zoneinfo.ZoneInfo("Asia/Jakarta"))
VILLAGES = ("73.71.07.1001", "32.01.01.1001")  # Kota Makassar, Kabupaten Bogor
ITEMS = (Item.MASKER, Item.BERAS, Item.LAINNYA)
PLEDGE_MOVES = (
    "accept",
    "decline",
    "withdraw",
    "deliver",
    "confirm",
    "dispute",
    "resolve_delivered",
    "resolve_cancelled",
)
STEPS = ("need", "pledge", *PLEDGE_MOVES, "lapse", "expire", "close", "later")
# Mostly the person whose move it is, sometimes someone else (refused).
RIGHT = {"accept": "poster", "decline": "poster", "confirm": "poster", "dispute": "poster"}
WHO = ("right", "right", "right", "helper", "poster", "moderator")


def _line(item: str, quantity: int) -> LineInput:
    if item == Item.LAINNYA:
        return LineInput(item=item, quantity=quantity, item_other="Kursi roda", unit="buah")
    return LineInput(item=item, quantity=quantity)


def _pledge_move(move: str, pledge: Pledge, actor, moderator) -> None:
    pledge.refresh_from_db()
    code = handover_code(pledge) if pledge.accepted_at else "000000"
    calls = {
        "accept": lambda: pledge_accept(pledge=pledge, actor=actor),
        "decline": lambda: pledge_decline(pledge=pledge, actor=actor),
        "withdraw": lambda: pledge_withdraw(pledge=pledge, actor=actor),
        "deliver": lambda: pledge_deliver(pledge=pledge, actor=actor, photo=photo()),
        "confirm": lambda: pledge_confirm(pledge=pledge, actor=actor, code=code),
        "dispute": lambda: pledge_dispute(pledge=pledge, actor=actor, reason="belum sampai"),
        "resolve_delivered": lambda: pledge_resolve(
            pledge=pledge, actor=moderator, delivered=True, reason="foto cocok"
        ),
        "resolve_cancelled": lambda: pledge_resolve(
            pledge=pledge, actor=moderator, delivered=False, reason="tidak datang"
        ),
    }
    calls[move]()


class Story:
    """The needs and pledges of one example, and the moves asked of them."""

    def __init__(self, moderator, clock) -> None:
        self.moderator, self.clock = moderator, clock
        self.needs: list[Need] = []
        self.pledges: list[Pledge] = []

    def step(self, step: str, pick: int, quantity: int, who: str) -> None:
        today = timezone.localdate()
        if step == "need":
            lines = [_line(ITEMS[pick % 3], quantity)]
            if pick % 2:
                lines.append(_line(ITEMS[(pick + 1) % 3], quantity + 1))
            self.needs.append(need_open(self.moderator, lines=lines, region=VILLAGES[pick % 2]))
            return
        # The wrong person, a move the table refuses or a quantity beyond the rest: refused.
        with contextlib.suppress(PermissionDenied, ValidationError):
            if step == "pledge" and self.needs:
                need = self.needs[-1 - pick % len(self.needs)]
                lines = list(need.lines.all())
                line = lines[pick % len(lines)]
                self.pledges.append(
                    pledge_create(
                        actor=UserFactory(),
                        line=line,
                        quantity=min(1 + quantity % 4, line.remaining) or 1,
                        deliver_by=today + datetime.timedelta(days=3),
                        whatsapp=HELPER_PHONE,
                    )
                )
            elif step in PLEDGE_MOVES and self.pledges:
                pledge = self.pledges[-1 - pick % len(self.pledges)]
                poster = Need.objects.get(lines__pledges=pledge).poster
                actor = {"helper": pledge.helper, "poster": poster, "moderator": self.moderator}
                if who == "right":
                    who = RIGHT.get(step, "helper")
                _pledge_move(step, pledge, actor[who], self.moderator)
            elif step == "lapse":  # the sweep, up to 3 days early: older pledges lapse
                pledges_lapse(today=today + datetime.timedelta(days=pick))
            elif step == "expire":  # older needs expire
                needs_expire(today=today + datetime.timedelta(days=2 * pick))
            elif step == "close" and self.needs:
                need = self.needs[-1 - pick % len(self.needs)]
                need_close(need=need, actor=need.poster)
            elif step == "later":  # days pass; now and then into the next month
                self.clock.shift(datetime.timedelta(days=1 + pick % 6))


def _totals_equal_the_lines() -> None:
    stored = AidMonth.objects.aggregate(
        requested=Sum("requested"),
        pledged=Sum("pledged"),
        released=Sum("released"),
        delivered=Sum("delivered"),
        opened=Sum("needs_opened"),
    )
    lines = NeedLine.objects.filter(need__opened_at__isnull=False).aggregate(
        quantity=Sum("quantity"), pledged=Sum("pledged"), delivered=Sum("delivered")
    )
    assert (stored["requested"] or 0) == (lines["quantity"] or 0)
    assert (stored["delivered"] or 0) == (lines["delivered"] or 0)
    # A line holds what was pledged and not released.
    assert (stored["pledged"] or 0) - (stored["released"] or 0) == (lines["pledged"] or 0)
    assert (stored["pledged"] or 0) == (Pledge.objects.aggregate(q=Sum("quantity"))["q"] or 0)
    opened = {
        (need_id, item)
        for need_id, item in NeedLine.objects.filter(need__opened_at__isnull=False).values_list(
            "need_id", "item"
        )
    }
    assert (stored["opened"] or 0) == len(opened)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(
        st.tuples(
            # Weighted to the moves that build something: pledges, accepted, confirmed.
            st.sampled_from(STEPS + ("need", "later") + ("pledge", "accept", "confirm") * 3),
            st.integers(0, 3),
            st.integers(1, 6),
            st.sampled_from(WHO),
        ),
        min_size=10,
        max_size=40,
    )
)
def test_the_rollup_equals_the_sums_of_the_source_rows_after_random_moves(
    moderator, time_machine, steps
):
    time_machine.move_to(START, tick=False)
    story = Story(moderator, time_machine)
    for step in (("need", 0, 2, "poster"), *steps):
        story.step(*step)
    assert AidMonth.objects.exists()
    sums = AidMonth.objects.aggregate(
        d=Sum("delivered"), r=Sum("released"), f=Sum("needs_fulfilled"), e=Sum("needs_expired")
    )
    event(f"months: {AidMonth.objects.values('month').distinct().count()}")
    event(f"delivered: {bool(sums['d'])}, released: {bool(sums['r'])}")
    event(f"fulfilled: {bool(sums['f'])}, expired: {bool(sums['e'])}")
    assert aid_months_verify() == []
    _totals_equal_the_lines()


def test_the_rebuild_writes_back_what_the_services_kept(moderator, time_machine):
    time_machine.move_to(START, tick=False)
    story = Story(moderator, time_machine)
    for step in [
        ("need", 1, 6, "poster"),
        ("pledge", 0, 3, "helper"),
        ("pledge", 1, 2, "helper"),
        ("accept", 0, 0, "poster"),
        ("later", 5, 0, "poster"),  # into February
        ("confirm", 0, 0, "poster"),
        ("decline", 1, 0, "poster"),
    ]:
        story.step(*step)
    kept = sorted(AidMonth.objects.values_list("month", "item", "region_id", "pledges"))
    assert {month.month for month, *_ in kept} == {1, 2}
    # Each pledge counts in January (made) and in February (confirmed, declined).
    assert sum(pledges for *_, pledges in kept) == 4
    AidMonth.objects.all().delete()
    assert aid_months_verify()
    assert aid_months_rebuild() == len(aid_months_from_source())
    assert sorted(AidMonth.objects.values_list("month", "item", "region_id", "pledges")) == kept
    call_command("open_data_verify")
