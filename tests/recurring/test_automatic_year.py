"""A simulated year of 30 GoPay plans: every day two schedulers at once run the plans' sweep and
the sandbox's charges, and some charges' notifications are delivered a second time. Every
plan is charged exactly once per period, each period paid by one settled donation; the ledger
verifies (decision 37).

Two schedulers at once need concurrent writers (PostgreSQL); on SQLite they run one after the
other, which checks the same idempotency without the race."""

from __future__ import annotations

import datetime
from collections import Counter

import pytest
from django.core.management import call_command

from gotong.donations.models import Donation, DonationStatus
from gotong.payments.sandbox.models import SandboxTransaction
from gotong.payments.sandbox.subscriptions import subscriptions_charge_due
from gotong.recurring.models import Period, Plan, PlanCharge
from gotong.recurring.sweep import plans_sweep
from gotong.recurring.transitions import PeriodStatus
from tests.factories import CampaignFactory
from tests.recurring.automatic import redeliver, start_gopay
from tests.recurring.test_year_concurrency import _both

PLANS = 30
YEAR = 2026


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_a_year_of_gopay_plans_with_two_schedulers(time_machine, live_gateway, capsys):
    time_machine.move_to(f"{YEAR}-01-01 05:00:00+07:00", tick=False)
    campaign = CampaignFactory(
        recurring_allowed=True, target=10_000_000_000, deadline=datetime.date(YEAR + 1, 6, 30)
    )
    plans = [
        start_gopay(campaign, amount=10_000 + 1_000 * n, day=n % 28 + 1, email=f"d{n}@contoh.id")
        for n in range(PLANS)
    ]
    day = datetime.date(YEAR, 1, 1)
    while day <= datetime.date(YEAR, 12, 31):
        time_machine.move_to(f"{day.isoformat()} 09:00:00+07:00", tick=False)
        _both(plans_sweep)
        _both(subscriptions_charge_due)
        for txn in SandboxTransaction.objects.filter(created_at__date=day):
            if txn.gross_amount % 3000 == 0:  # a third of the day's reports come twice
                assert redeliver(live_gateway, txn) == "duplicate"
        day += datetime.timedelta(days=1)

    assert Counter(Period.objects.values_list("plan_id", flat=True)) == dict.fromkeys(
        [p.pk for p in plans], 12
    )
    assert set(Period.objects.values_list("status", flat=True)) == {PeriodStatus.CHARGED}
    for period in Period.objects.select_related("donation"):
        assert period.donation.status == DonationStatus.SETTLED
        assert period.donation.amount == period.amount
    assert SandboxTransaction.objects.count() == PLANS * 12  # the gateway charged once a slot
    assert Donation.objects.count() == PlanCharge.objects.count() == PLANS * 12
    assert not PlanCharge.objects.filter(period=None).exists()
    assert all(p.status == "active" for p in Plan.objects.all())
    call_command("verify_ledger")
    assert "ledger OK" in capsys.readouterr().out
