from __future__ import annotations

from django_tasks import task

from gotong.notifications.services import receipt_email_send, receipt_emails_sweep


@task()
def send_receipt_email(donation_id: int) -> bool:
    return receipt_email_send(donation_id=donation_id)


@task()
def sweep_receipt_emails() -> int:
    return receipt_emails_sweep()
