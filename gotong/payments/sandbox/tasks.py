"""Background work of the sandbox: delivering HTTP notifications to the merchant, charging
subscriptions on their schedule."""

from __future__ import annotations

import json
import logging
from typing import Any

import requests
from django.conf import settings
from django_tasks import task

from gotong.payments.sandbox.services import notification_delivery_record
from gotong.payments.sandbox.subscriptions import subscriptions_charge_due

logger = logging.getLogger(__name__)

USER_AGENT = "Gotong-Midtrans-Sandbox/1.0"


class NotificationDeliveryFailed(Exception):
    pass


@task()
def notification_send(*, transaction_pk: int, url: str, payload: dict[str, Any]) -> int:
    """POST one Midtrans notification. Every attempt is recorded; a failure (network error or
    non-2xx answer) raises so the task backend marks the task as failed."""
    order_id = payload.get("order_id", "")
    status = payload.get("transaction_status", "")
    try:
        response = requests.post(
            url,
            data=json.dumps(payload),
            headers={
                "Content-Type": "application/json",
                "Accept": "application/json",
                "User-Agent": USER_AGENT,
            },
            timeout=settings.MIDTRANS_HTTP_TIMEOUT,
            allow_redirects=False,
        )
    except requests.RequestException as exc:
        error = f"{type(exc).__name__}: {exc}"
        notification_delivery_record(
            transaction_pk=transaction_pk,
            url=url,
            payload=payload,
            response_status=None,
            error=error[:2000],
        )
        logger.warning("Sandbox notification %s/%s to %s failed: %s", order_id, status, url, error)
        raise NotificationDeliveryFailed(f"{url}: {error}") from exc

    ok = 200 <= response.status_code < 300
    notification_delivery_record(
        transaction_pk=transaction_pk,
        url=url,
        payload=payload,
        response_status=response.status_code,
        error="" if ok else f"HTTP {response.status_code}: {response.text[:1000]}",
    )
    if not ok:
        logger.warning(
            "Sandbox notification %s/%s to %s answered HTTP %s",
            order_id,
            status,
            url,
            response.status_code,
        )
        raise NotificationDeliveryFailed(f"{url} answered HTTP {response.status_code}")
    logger.info("Sandbox notification %s/%s delivered to %s", order_id, status, url)
    return response.status_code


@task()
def charge_due_subscriptions() -> int:
    """The sandbox's own clock for subscriptions: charge every one whose time has come (run by
    the scheduler while the sandbox is mounted; see sandbox.subscriptions)."""
    return subscriptions_charge_due()
