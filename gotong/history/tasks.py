from __future__ import annotations

from django_tasks import task

from gotong.history.emails import history_link_send


@task()
def send_history_link(email: str, language: str) -> bool:
    return history_link_send(email=email, language=language)
