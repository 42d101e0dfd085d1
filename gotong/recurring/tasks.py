from __future__ import annotations

import logging

from django_tasks import task

from gotong.payments.gateways.base import GatewayError
from gotong.recurring.automatic import plan_link_complete
from gotong.recurring.sweep import plans_sweep

logger = logging.getLogger(__name__)


@task()
def sweep_plans() -> dict[str, int]:
    return plans_sweep()


@task()
def subscribe_card_plan(plan_id: int) -> str:
    """A card plan's first gift settled: its subscription, now (the sweep retries a failure)."""
    try:
        return str(plan_link_complete(plan_id=plan_id))
    except GatewayError:
        logger.warning("card plan %s: no subscription yet; the sweep retries", plan_id)
        return "retry"
