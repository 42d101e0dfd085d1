from __future__ import annotations

from django_tasks import task

from gotong.notifications.services import receipt_email_send


@task()
def send_receipt_email(donation_id: int) -> bool:
    return receipt_email_send(donation_id=donation_id)
