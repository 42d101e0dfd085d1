"""The sandbox's own clock for subscriptions: slots, retries, and two schedulers at once."""

from __future__ import annotations

import datetime
import io
import threading

import pytest
import time_machine
from django.core.management import call_command
from django.db import connection

from gotong.payments.sandbox import schedule
from gotong.payments.sandbox.models import SandboxSubscription, SandboxTransaction
from gotong.payments.sandbox.protocol import JAKARTA
from gotong.payments.sandbox.recurring_validation import ScheduleFields, SubscriptionFields
from gotong.payments.sandbox.subscriptions import (
    subscription_charge,
    subscription_disable,
    subscription_enable,
    subscriptions_charge_due,
)

START = datetime.datetime(2027, 1, 31, 7, 0, tzinfo=JAKARTA)


def make(notification_receiver, *, unit: str = "month", max_interval: int | None = None):
    from gotong.payments.sandbox.subscriptions import subscription_create

    return subscription_create(
        fields=SubscriptionFields(
            name="GTG-R-9",
            amount=50_000,
            token="tok",
            payment_type="credit_card",
            schedule=ScheduleFields(
                interval=1, interval_unit=unit, max_interval=max_interval, start_time=START
            ),
        ),
        notification_urls=[f"{notification_receiver.url}/n"],
    )


@pytest.mark.django_db
def test_monthly_slots_keep_the_day_or_take_the_months_last(notification_receiver):
    sub = make(notification_receiver)
    assert [schedule.slot_at(sub, i).date().isoformat() for i in range(4)] == [
        "2027-01-31",
        "2027-02-28",
        "2027-03-31",
        "2027-04-30",
    ]
    weekly = make(notification_receiver, unit="week")
    assert schedule.slot_at(weekly, 2) - START == datetime.timedelta(days=14)


@pytest.mark.django_db
def test_max_interval_ends_it_and_a_pause_skips_missed_slots(notification_receiver):
    sub = make(notification_receiver, max_interval=2)
    subscription_charge(sub=sub, now=START)
    assert subscriptions_charge_due(now=START + datetime.timedelta(days=1)) == 0
    subscription_disable(sub=sub)
    assert subscriptions_charge_due(now=START + datetime.timedelta(days=60)) == 0
    enabled = subscription_enable(sub=sub, now=datetime.datetime(2027, 4, 2, tzinfo=JAKARTA))
    assert enabled.next_execution_at == datetime.datetime(2027, 4, 30, 7, 0, tzinfo=JAKARTA)
    assert subscriptions_charge_due(now=enabled.next_execution_at) == 1
    sub.refresh_from_db()
    assert (sub.status, sub.next_execution_at) == ("inactive", None)
    assert list(sub.charges.order_by("pk").values_list("schedule_slot", flat=True)) == [
        "20270131T0700",
        "20270430T0700",
    ]


@pytest.mark.django_db(transaction=True)
def test_two_schedulers_at_once_charge_each_slot_once(notification_receiver):
    subs = [make(notification_receiver) for _ in range(12)]
    barrier = threading.Barrier(2)
    made: list[int] = []

    def run() -> None:
        try:
            barrier.wait()
            made.append(subscriptions_charge_due(now=START))
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sum(made) == len(subs)
    for sub in SandboxSubscription.objects.all():
        assert list(sub.charges.values_list("schedule_slot", flat=True)) == ["20270131T0700"]
        assert sub.current_interval == 1
    assert SandboxTransaction.objects.count() == len(subs)
    assert len(notification_receiver.wait_for(len(subs))) == len(subs)


@pytest.mark.django_db
def test_the_scheduler_command_charges_what_is_due(notification_receiver, settings):
    assert "gotong.payments.sandbox.tasks.charge_due_subscriptions" in settings.SCHEDULER_TASKS
    sub = make(notification_receiver)
    with time_machine.travel(START - datetime.timedelta(minutes=1)):
        call_command("scheduler", "--once", stdout=io.StringIO())
    assert not sub.charges.exists()
    with time_machine.travel(START + datetime.timedelta(minutes=4)):
        call_command("scheduler", "--once", stdout=io.StringIO())
        call_command("scheduler", "--once", stdout=io.StringIO())
    assert list(sub.charges.values_list("schedule_slot", "transaction_status")) == [
        ("20270131T0700", "settlement")
    ]
