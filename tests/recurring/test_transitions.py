"""The plan and period tables, driven by random event sequences through the services: a refused
move is recorded and changes nothing, final states stay final."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gotong.recurring.models import Period, Plan, PlanMove
from gotong.recurring.services import period_move_locked, plan_move_locked
from gotong.recurring.transitions import (
    PERIOD_FINAL,
    PERIOD_TRANSITIONS,
    PLAN_FINAL,
    PLAN_TRANSITIONS,
    PeriodEvent,
    PlanEvent,
)
from tests.factories import CampaignFactory

pytestmark = pytest.mark.django_db


def test_final_states_have_no_way_out():
    assert not [k for k in PLAN_TRANSITIONS if k[0] in PLAN_FINAL]
    assert not [k for k in PERIOD_TRANSITIONS if k[0] in PERIOD_FINAL]


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    plan_events=st.lists(st.sampled_from(list(PlanEvent.values)), max_size=12),
    period_events=st.lists(st.sampled_from(list(PeriodEvent.values)), max_size=12),
)
def test_random_sequences_follow_the_tables(plan_events, period_events):
    campaign = CampaignFactory(recurring_allowed=True)
    plan = Plan.objects.create(
        campaign=campaign,
        amount=50_000,
        cadence="monthly",
        day=1,
        name="Siti",
        email="siti@contoh.id",
        next_due="2026-01-01",
    )
    period = Period.objects.create(plan=plan, start="2026-01-01", amount=50_000)
    expected = plan.status
    for event in plan_events:
        decision = plan_move_locked(plan=plan, event=event)
        to = PLAN_TRANSITIONS.get((expected, event))
        assert decision.allowed == (to is not None)
        expected = to or expected
        plan.refresh_from_db()
        assert plan.status == expected
    expected = period.status
    for event in period_events:
        decision = period_move_locked(period=period, event=event)
        to = PERIOD_TRANSITIONS.get((expected, event))
        assert decision.allowed == (to is not None)
        if not decision.allowed:
            assert "refused" in decision.reason
        expected = to or expected
        period.refresh_from_db()
        assert period.status == expected
    moves = PlanMove.objects.filter(plan=plan)
    assert moves.count() == len(plan_events) + len(period_events)
    assert (
        moves.filter(applied=False).exclude(reason="").count()
        == moves.filter(applied=False).count()
    )
