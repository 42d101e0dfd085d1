"""When a plan's periods start: weekly on a weekday, monthly on a day of the month (1 to 28)."""

from __future__ import annotations

import datetime

from gotong.recurring.models import Cadence

WEEKLY_PER_MONTH = (52, 12)  # a weekly plan promises 52/12 of its amount a month


def next_start(*, cadence: str, day: int, after: datetime.date) -> datetime.date:
    """The first period start strictly after `after`."""
    if cadence == Cadence.WEEKLY:
        return after + datetime.timedelta(days=(day - after.weekday() - 1) % 7 + 1)
    year, month = (after.year, after.month) if after.day < day else _next_month(after)
    return datetime.date(year, month, day)


def _next_month(date: datetime.date) -> tuple[int, int]:
    return (date.year + 1, 1) if date.month == 12 else (date.year, date.month + 1)


def monthly_amount(*, cadence: str, amount: int) -> int:
    """What a plan promises a month, in integer rupiah, rounded down."""
    if cadence == Cadence.WEEKLY:
        return amount * WEEKLY_PER_MONTH[0] // WEEKLY_PER_MONTH[1]
    return amount
