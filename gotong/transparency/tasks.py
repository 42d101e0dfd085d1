"""The sealer as tasks: `seal_log` on the scheduler's tick, and `seal_log_requested` soon after
a settlement commits, one for a whole burst of settlements (`log_seal_request`)."""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from django_tasks import task

from gotong.transparency.services import log_seal

# Set while a requested seal is queued and has not started yet.
SEAL_REQUESTED_KEY = "transparency:seal-requested"


@task()
def seal_log() -> int:
    """Append new ledger entries and confirmed deliveries to the transparency log and sign a
    head (see services)."""
    return log_seal().sealed


@task()
def seal_log_requested() -> int:
    """The seal settlements asked for. The request is cleared before sealing starts, so a
    settlement that still found it set committed before this seal reads what is unsealed; one
    that commits later queues the next seal. Two of these at once are as safe as two sealers
    (services: the LogState lock); one with nothing left to seal writes nothing."""
    cache.delete(SEAL_REQUESTED_KEY)
    return log_seal().sealed


def log_seal_request(**_: Any) -> None:
    """Seal what has just committed in LOG_SEAL_DELAY_SECONDS: queue `seal_log_requested` to
    run then, unless a request queued earlier has not started yet (it runs after this commit,
    and its mark expires when it is due, so the mark never outlives its seal). A backend that
    cannot defer (the immediate one of the tests) seals at once. Receiver of
    payments.signals.donation_settled; the scheduler's `seal_log` catches anything a lost
    request missed."""
    delay = settings.LOG_SEAL_DELAY_SECONDS
    if delay > 0 and not cache.add(SEAL_REQUESTED_KEY, True, timeout=delay):
        return
    if delay > 0 and seal_log_requested.get_backend().supports_defer:
        due = timezone.now() + datetime.timedelta(seconds=delay)
        seal_log_requested.using(run_after=due).enqueue()
    else:
        seal_log_requested.enqueue()
