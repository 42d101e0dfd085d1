from __future__ import annotations

from django_tasks import task

from gotong.campaigns.services import campaigns_end_expired


@task()
def end_expired_campaigns() -> int:
    return campaigns_end_expired()
