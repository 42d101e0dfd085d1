"""Log lines: the request id of the request being served (RequestIdMiddleware sets it) on every
record, and, with LOG_FORMAT=json, one JSON object per line for a log collector."""

from __future__ import annotations

import contextvars
import datetime
import json
import logging

request_id_var: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="")
REQUEST_ID_META = "gotong.request_id"


class RequestIdFilter(logging.Filter):
    """Puts the current request id (empty outside a request) on the record as `request_id`:
    the one being served, or that of the request the record is about (django.request)."""

    def filter(self, record: logging.LogRecord) -> bool:
        about = getattr(record, "request", None)
        meta = getattr(about, "META", {})
        record.request_id = request_id_var.get() or meta.get(REQUEST_ID_META, "")
        return True


class JsonFormatter(logging.Formatter):
    """{"time", "level", "logger", "message"}, plus "request_id" inside a request and
    "exception" with the traceback when there is one."""

    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, str] = {
            "time": datetime.datetime.fromtimestamp(record.created, tz=datetime.UTC).isoformat(),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        request_id = getattr(record, "request_id", "")
        if request_id:
            line["request_id"] = request_id
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        return json.dumps(line, ensure_ascii=False)
