from __future__ import annotations

from django_tasks import task

from gotong.updates.services import update_emails_send


@task()
def send_update_emails(update_id: int) -> int:
    return update_emails_send(update_id=update_id)
