from __future__ import annotations

from django_tasks import task

from gotong.inkind.needs import needs_expire
from gotong.inkind.pledges import pledges_lapse


@task()
def expire_needs() -> int:
    """Open needs whose date has passed expire (see inkind.needs)."""
    return needs_expire()


@task()
def lapse_pledges() -> int:
    """Pledges not delivered a day after their date lapse and free their quantity."""
    return pledges_lapse()
