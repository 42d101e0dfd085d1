"""Open data's rollup of help information (decision 38) after random sequences of posts,
votes, verdicts, corrections, expiry and renewal across months and two provinces: the rows the
services kept equal the sums recomputed from the status history, and their totals equal the
posts and the applied changes."""

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

from gotong.info.kinds import InfoKind
from gotong.info.models import InfoMonth, InfoPost, InfoStatusChange
from gotong.info.rollup import COUNTED, info_months_rebuild, info_months_verify
from gotong.info.services import (
    info_mark_false,
    info_post_edit,
    info_renew,
    info_verify,
    infos_expire,
)
from gotong.info.votes import info_vote
from tests.info.conftest import OTHER_KECAMATAN, TALLO, old_user, post

pytestmark = pytest.mark.usefixtures("regions")

START = datetime.datetime(2026, 3, 29, 9, 0, tzinfo=zoneinfo.ZoneInfo("Asia/Jakarta"))
KINDS = (InfoKind.DISTRIBUTION, InfoKind.POSKO, InfoKind.VOLUNTEERS)
PLACES = (TALLO, "73", "32.01")
GROUPS = (TALLO, OTHER_KECAMATAN)
STEPS = (
    "post",
    "yes",
    "no",
    "verify",
    "mark_false",
    "edit",
    "expire",
    "renew",
    "later",
)


class Story:
    def __init__(self, verifier, clock) -> None:
        self.verifier, self.clock = verifier, clock
        self.posts: list[InfoPost] = []

    def step(self, step: str, pick: int) -> None:
        if step == "post":
            self.posts.append(post(kind=KINDS[pick % 3], region_code=PLACES[pick % 3]))
            return
        if step == "later":
            self.clock.shift(datetime.timedelta(days=1 + 2 * pick))
            return
        if step == "expire":
            infos_expire(now=timezone.now() + datetime.timedelta(days=5 * pick))
            return
        p = self.posts[-1 - pick % len(self.posts)]
        p.refresh_from_db()
        note = {"note": "Dicek ke posko", "evidence": "https://posko.example/jadwal"}
        moves = {
            "yes": lambda: info_vote(
                post=p,
                voter=old_user(),
                still_true=True,
                group_kind="kecamatan",
                group_key=GROUPS[pick % 2],
            ),
            "no": lambda: info_vote(
                post=p,
                voter=old_user(),
                still_true=False,
                group_kind="kecamatan",
                group_key=GROUPS[pick % 2],
            ),
            "verify": lambda: info_verify(post=p, actor=self.verifier, **note),
            "mark_false": lambda: info_mark_false(post=p, actor=self.verifier, **note),
            "edit": lambda: info_post_edit(
                post=p,
                actor=p.author,
                title=p.title,
                what=f"{p.what} Diperbarui.",
                when_text=p.when_text,
                where_text=p.where_text,
            ),
            "renew": lambda: info_renew(post=p, actor=p.author),
        }
        with contextlib.suppress(PermissionDenied, ValidationError):
            moves[step]()


def _totals_equal_the_history() -> None:
    stored = InfoMonth.objects.aggregate(
        posts=Sum("posts"), **{column: Sum(column) for column in COUNTED.values()}
    )
    assert stored["posts"] == InfoPost.objects.count()
    applied = InfoStatusChange.objects.filter(outcome="applied")
    for status, column in COUNTED.items():
        assert (stored[column] or 0) == applied.filter(to_status=status).count(), column


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(
        st.tuples(st.sampled_from((*STEPS, "post", "later", *("yes",) * 4)), st.integers(0, 3)),
        min_size=10,
        max_size=40,
    )
)
def test_the_rollup_equals_the_status_history_after_random_moves(verifier, time_machine, steps):
    time_machine.move_to(START, tick=False)
    story = Story(verifier, time_machine)
    for step in (("post", 0), *steps):
        story.step(*step)
    months = InfoMonth.objects.values("month").distinct().count()
    event(f"months: {months}")
    sums = InfoMonth.objects.aggregate(c=Sum("confirmed"), d=Sum("disputed"), e=Sum("expired"))
    event(f"confirmed: {bool(sums['c'])}, disputed: {bool(sums['d'])}, expired: {bool(sums['e'])}")
    assert info_months_verify() == []
    _totals_equal_the_history()


def test_the_rebuild_writes_back_what_the_services_kept(verifier, time_machine):
    time_machine.move_to(START, tick=False)
    story = Story(verifier, time_machine)
    for step in [("post", 0), ("post", 1), ("verify", 0), ("later", 2), ("mark_false", 1)]:
        story.step(*step)
    columns = ("month__month", "kind", "province_id", "posts", "verified", "marked_false")
    kept = sorted(InfoMonth.objects.values_list(*columns))
    assert kept == [
        (3, InfoKind.DISTRIBUTION, "73", 1, 0, 0),
        (3, InfoKind.POSKO, "73", 1, 1, 0),
        (4, InfoKind.DISTRIBUTION, "73", 0, 0, 1),
    ]
    InfoMonth.objects.all().delete()
    assert info_months_verify()
    assert info_months_rebuild() == 3
    assert sorted(InfoMonth.objects.values_list(*columns)) == kept
    call_command("open_data_verify")
