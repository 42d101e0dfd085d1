from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest


@dataclass
class ReceivedNotification:
    path: str
    headers: dict[str, str]
    body: bytes

    def json(self) -> dict[str, Any]:
        return json.loads(self.body)


@dataclass
class NotificationReceiver:
    """A real HTTP server on 127.0.0.1 that records every POST. Paths starting with /fail
    answer 500, everything else 200."""

    url: str
    received: list[ReceivedNotification] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def notifications(self) -> list[ReceivedNotification]:
        with self.lock:
            return list(self.received)

    def wait_for(self, count: int, timeout: float = 5.0) -> list[ReceivedNotification]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            got = self.notifications()
            if len(got) >= count:
                return got
            time.sleep(0.02)
        return self.notifications()


@pytest.fixture
def notification_receiver() -> Iterator[NotificationReceiver]:
    received: list[ReceivedNotification] = []
    lock = threading.Lock()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length)
            with lock:
                received.append(
                    ReceivedNotification(
                        path=self.path, headers=dict(self.headers.items()), body=body
                    )
                )
            status = 500 if self.path.startswith("/fail") else 200
            self.send_response(status)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Content-Length", "2")
            self.end_headers()
            self.wfile.write(b"ok")

        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    port = server.server_address[1]
    try:
        yield NotificationReceiver(url=f"http://127.0.0.1:{port}", received=received, lock=lock)
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.fixture
def server_key(settings) -> str:
    settings.MIDTRANS_SERVER_KEY = "SB-Mid-server-test-key"
    return settings.MIDTRANS_SERVER_KEY


@pytest.fixture
def snap_body() -> Callable[..., dict[str, Any]]:
    def build(order_id: str = "ORDER-1", gross_amount: Any = 50_000, **extra: Any) -> dict:
        body: dict[str, Any] = {
            "transaction_details": {"order_id": order_id, "gross_amount": gross_amount},
            "customer_details": {"first_name": "Budi", "email": "budi@example.com"},
            "item_details": [
                {"id": "donasi", "price": gross_amount, "quantity": 1, "name": "Donasi"}
            ],
            "callbacks": {"finish": "https://gotong.example/donasi/selesai?ref=abc"},
        }
        body.update(extra)
        return body

    return build
