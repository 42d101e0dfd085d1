"""When a sandbox subscription charges: its slots (start, start + interval, …, counted in
Jakarta time so "every month on the 5th at 07.00 WIB" stays the 5th) and the retry delay."""

from __future__ import annotations

import calendar
from datetime import datetime, timedelta

from gotong.payments.sandbox.models import SandboxSubscription
from gotong.payments.sandbox.protocol import JAKARTA

RETRY_SECONDS = {"minute": 60, "hour": 3600, "day": 86400}


def months_add(moment: datetime, months: int) -> datetime:
    """The same day and time `months` later, the month's last day when it has no such day."""
    local = moment.astimezone(JAKARTA)
    index = local.month - 1 + months
    year, month = local.year + index // 12, index % 12 + 1
    day = min(local.day, calendar.monthrange(year, month)[1])
    return local.replace(year=year, month=month, day=day)


def slot_at(sub: SandboxSubscription, index: int) -> datetime:
    """The scheduled time of slot `index` (0: the start time)."""
    if sub.interval_unit == "month":
        return months_add(sub.start_time, sub.interval * index)
    days = 7 if sub.interval_unit == "week" else 1
    return sub.start_time + timedelta(days=days * sub.interval * index)


def slot_key(sub: SandboxSubscription) -> str:
    """The unique key of the charge due now: its slot's time, and the retry's number."""
    key = slot_at(sub, sub.current_interval).astimezone(JAKARTA).strftime("%Y%m%dT%H%M")
    return f"{key}.r{sub.retry_count}" if sub.retry_count else key


def retry_delay(sub: SandboxSubscription) -> timedelta:
    return timedelta(seconds=RETRY_SECONDS[sub.retry_interval_unit] * sub.retry_interval)


def next_slot_index(sub: SandboxSubscription, *, now: datetime) -> int:
    """The first slot at or after `now`: missed slots are skipped, never charged late."""
    index = sub.current_interval
    while slot_at(sub, index) < now:
        index += 1
    return index
