"""One call to Midtrans' Core API (subscriptions, pay accounts) and its error answers.

Midtrans reports a refusal either as an HTTP status of 400 or more or, with HTTP 200, as a
`status_code` of 400 or more in the body (407, an expired transaction, is an answer, not an
error), exactly as the official SDK reads it.
"""

from __future__ import annotations

import logging
from typing import Any

import requests

from gotong.payments.gateways.base import GatewayError

logger = logging.getLogger(__name__)


def core_request(
    *,
    method: str,
    url: str,
    server_key: str,
    timeout: int,
    body: dict[str, Any] | None = None,
    headers: dict[str, str] | None = None,
) -> dict[str, Any]:
    """The JSON object Midtrans answered; GatewayError when it is unreachable or refuses."""
    try:
        response = requests.request(
            method,
            url,
            json=body,
            auth=(server_key, ""),
            headers={"Accept": "application/json", **(headers or {})},
            timeout=timeout,
        )
    except requests.RequestException as exc:
        raise GatewayError(f"Midtrans unreachable: {exc}") from exc
    try:
        data = response.json()
    except ValueError as exc:
        raise GatewayError(f"Midtrans answered {response.status_code} without JSON") from exc
    if not isinstance(data, dict):
        raise GatewayError(f"Midtrans answered {response.status_code} with a non-object")
    code = str(data.get("status_code", ""))
    refused_in_body = code.isdigit() and int(code) >= 400 and code != "407"
    if response.status_code >= 400 or refused_in_body:
        logger.warning("Midtrans refused %s %s: %s", method, url, response.text[:500])
        raise GatewayError(f"Midtrans refused ({code or response.status_code}): {_why(data)}")
    return data


def _why(data: dict[str, Any]) -> str:
    messages = data.get("validation_messages") or data.get("error_messages")
    if isinstance(messages, list) and messages:
        return "; ".join(str(m) for m in messages)[:300]
    return str(data.get("status_message", ""))[:300]
