"""A simulated year of 200 reminder plans, the scheduler's tick run by two schedulers at once
every day, and each period's payment link tapped twice at once by some donors: every period is
opened once, reminded once, reminded again once when unpaid and then skipped, and never paid
by two donations; the ledger verifies.

Two schedulers at once need concurrent writers (PostgreSQL); on SQLite the ticks run twice one
after the other, which checks the same idempotency without the race."""

from __future__ import annotations

import datetime
import threading
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection, connections

from gotong.donations.models import Donation, DonationStatus
from gotong.recurring.models import Period, Plan, PlanEmail
from gotong.recurring.services import period_pay
from gotong.recurring.sweep import plans_sweep
from gotong.recurring.transitions import PeriodStatus, PlanStatus
from tests.factories import CampaignFactory
from tests.recurring.helpers import settle

PLANS = 200
YEAR = 2026


def _both(fn, **kwargs) -> list:
    """Run `fn(**kwargs)` twice: at once in two threads on PostgreSQL, in turn on SQLite."""
    if connection.vendor != "postgresql":
        return [fn(**kwargs), fn(**kwargs)]
    gate = threading.Barrier(2)

    def run():
        try:
            gate.wait()
            return fn(**kwargs)
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=2) as pool:
        return [f.result() for f in [pool.submit(run), pool.submit(run)]]


def _pays(plan_id: int, start: datetime.date) -> bool:
    """Some donors pay: a third of the periods, a few days after the reminder."""
    return (plan_id + start.month) % 3 == 0


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_a_year_of_200_plans_with_two_schedulers(time_machine, capsys):
    time_machine.move_to(f"{YEAR}-01-01 05:00:00+07:00", tick=False)
    campaign = CampaignFactory(
        recurring_allowed=True, target=10_000_000_000, deadline=datetime.date(YEAR + 1, 6, 30)
    )
    for n in range(PLANS):
        Plan.objects.create(
            campaign=campaign,
            amount=10_000 + 1_000 * n,
            cadence="monthly",
            day=n % 28 + 1,
            name=f"Donatur {n}",
            email=f"d{n}@contoh.id",
            gateway="transfer",
            status=PlanStatus.ACTIVE,
            next_due=datetime.date(YEAR, 1, n % 28 + 1),
        )
    day = datetime.date(YEAR, 1, 1)
    while day <= datetime.date(YEAR, 12, 31):
        time_machine.move_to(f"{day.isoformat()} 05:00:00+07:00", tick=False)
        _both(plans_sweep)
        tapped = Period.objects.filter(
            start=day - datetime.timedelta(days=2), status=PeriodStatus.REMINDED
        ).values_list("pk", "plan_id", "start")
        for pk, plan_id, start in tapped:
            if _pays(plan_id, start):
                _both(period_pay, period_id=pk)
                settle(Period.objects.get(pk=pk).donation)
        day += datetime.timedelta(days=1)

    assert Counter(Period.objects.values_list("plan_id", flat=True)) == dict.fromkeys(
        Plan.objects.values_list("pk", flat=True), 12
    )
    # Periods that started 6 days or more before the year's last tick are settled one way.
    periods = Period.objects.filter(start__lte=datetime.date(YEAR, 12, 25))
    for period in periods.select_related("donation"):
        if _pays(period.plan_id, period.start):
            assert period.status == PeriodStatus.PAID
            assert period.donation.status == DonationStatus.SETTLED
        else:
            assert period.status == PeriodStatus.SKIPPED
            assert period.donation is None
    # Each tap pair made one gift: the second reused the first's payment.
    assert Donation.objects.count() == Period.objects.filter(status=PeriodStatus.PAID).count()
    sent = Counter((m.to[0], m.subject) for m in mail.outbox)
    assert max(sent.values()) <= 12  # one per period and kind, never repeated
    kinds = Counter(PlanEmail.objects.filter(sent_at__isnull=False).values_list("kind", flat=True))
    paid = Period.objects.filter(status=PeriodStatus.PAID).count()
    unpaid_by_the_28th = (
        Period.objects.filter(start__lte=datetime.date(YEAR, 12, 28))
        .exclude(status=PeriodStatus.PAID)
        .count()
    )
    assert kinds == {"reminder": PLANS * 12, "reminder_again": unpaid_by_the_28th}
    assert len(mail.outbox) == PlanEmail.objects.filter(sent_at__isnull=False).count() + paid
    call_command("verify_ledger")
    assert "ledger OK" in capsys.readouterr().out
