"""Outermost middleware: every request gets an id (the caller's `X-Request-ID` when it is a
sane token, a new one otherwise), echoed in the answer and put on its log lines; and every
answer is counted by method and status for /metrics."""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from gotong.core.logs import REQUEST_ID_META, request_id_var
from gotong.core.metrics import HTTP_REQUESTS

SANE_ID = re.compile(r"[A-Za-z0-9._-]{1,64}")
METHODS = {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"}


class RequestIdMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        given = request.headers.get("X-Request-ID", "")
        request_id = given if SANE_ID.fullmatch(given) else uuid.uuid4().hex
        # Also on the request: Django logs a 4xx/5xx answer after the middleware has returned.
        request.META[REQUEST_ID_META] = request_id
        token = request_id_var.set(request_id)
        try:
            response = self.get_response(request)
        finally:
            request_id_var.reset(token)
        response["X-Request-ID"] = request_id
        return response


class RequestCountMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        # Any other verb is one label: a client must not be able to make new series at will.
        method = request.method if request.method in METHODS else "OTHER"
        HTTP_REQUESTS.labels(method=method, status=str(response.status_code)).inc()
        return response
