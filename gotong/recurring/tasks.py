from __future__ import annotations

from django_tasks import task

from gotong.recurring.sweep import plans_sweep


@task()
def sweep_plans() -> dict[str, int]:
    return plans_sweep()
