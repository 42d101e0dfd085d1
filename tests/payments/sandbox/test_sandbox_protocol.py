"""Pure functions of the sandbox: signature, payloads, formatting, request validation."""

from __future__ import annotations

import hashlib
import json
import uuid
from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qs, urlsplit

import pytest

from gotong.payments.sandbox import protocol
from gotong.payments.sandbox.models import SandboxTransaction
from gotong.payments.sandbox.page import format_remaining, format_wib, page_state
from gotong.payments.sandbox.validation import (
    RequestInvalid,
    notification_urls_parse,
    simulate_request_parse,
    snap_request_parse,
)


def _txn(**fields) -> SandboxTransaction:
    defaults = {
        "order_id": "GTG-1",
        "gross_amount": 50_000,
        "transaction_id": uuid.UUID("00000000-0000-4000-8000-000000000001"),
        "created_at": datetime(2025, 1, 31, 6, 0, 0, tzinfo=UTC),
        "expires_at": datetime(2025, 2, 1, 6, 0, 0, tzinfo=UTC),
        "notification_urls": [],
    }
    return SandboxTransaction(**(defaults | fields))


def test_signature_key_is_sha512_of_the_four_strings():
    expected = hashlib.sha512(b"GTG-120050000.00secret").hexdigest()
    assert protocol.signature_key("GTG-1", "200", "50000.00", "secret") == expected


def test_amount_formats():
    assert protocol.format_gross_amount(50_000) == "50000.00"
    assert protocol.format_rupiah(50_000) == "Rp 50.000"
    assert protocol.format_rupiah(1_250_000) == "Rp 1.250.000"
    assert protocol.format_rupiah(500) == "Rp 500"


def test_bank_transfer_status_payload():
    txn = _txn(
        payment_type="bank_transfer",
        transaction_status="settlement",
        va_number="12345678901",
        settled_at=datetime(2025, 1, 31, 6, 5, 0, tzinfo=UTC),
    )
    payload = protocol.status_payload(txn, server_key="k")
    assert payload["status_code"] == "200"
    assert payload["gross_amount"] == "50000.00"
    assert payload["transaction_time"] == "2025-01-31 13:00:00"  # Jakarta is UTC+7
    assert payload["settlement_time"] == "2025-01-31 13:05:00"
    assert payload["expiry_time"] == "2025-02-01 13:00:00"
    assert payload["va_numbers"] == [{"bank": "bca", "va_number": "12345678901"}]
    assert payload["currency"] == "IDR"
    assert payload["merchant_id"] == "G000000000"
    assert payload["fraud_status"] == "accept"
    assert payload["signature_key"] == hashlib.sha512(b"GTG-120050000.00k").hexdigest()
    json.dumps(payload)  # wire-ready


@pytest.mark.parametrize(
    ("status", "code"),
    [
        ("pending", "201"),
        ("settlement", "200"),
        ("cancel", "200"),
        ("deny", "202"),
        ("expire", "407"),
    ],
)
def test_status_codes(status, code):
    payload = protocol.status_payload(_txn(payment_type="gopay", transaction_status=status))
    assert payload["status_code"] == code
    assert "settlement_time" not in payload
    assert "va_numbers" not in payload


def test_qris_notification_has_acquirer_and_on_us():
    txn = _txn(payment_type="qris", transaction_status="pending")
    payload = protocol.notification_payload(txn, server_key="k")
    assert payload["acquirer"] == "gopay"
    assert payload["issuer"]
    assert payload["transaction_type"] == "on-us"
    assert payload["status_message"] == "midtrans payment notification"
    assert "transaction_type" not in protocol.status_payload(txn, server_key="k")


def test_status_payload_needs_a_chosen_method():
    with pytest.raises(ValueError, match="method"):
        protocol.status_payload(_txn())


def test_finish_redirect_url_merges_query():
    url = protocol.finish_redirect_url(
        "https://g.example/selesai?ref=abc&status_code=old#top",
        order_id="GTG 1",
        status_code="200",
        transaction_status="settlement",
    )
    parts = urlsplit(url)
    assert parts.fragment == "top"
    assert parse_qs(parts.query) == {
        "ref": ["abc"],
        "order_id": ["GTG 1"],
        "status_code": ["200"],
        "transaction_status": ["settlement"],
    }


def test_page_formatting():
    assert format_wib(datetime(2025, 11, 28, 11, 30, tzinfo=UTC)) == "28 November 2025, 18.30 WIB"
    assert format_remaining(3600 * 23 + 59 * 60 + 5) == "23 jam 59 menit"
    assert format_remaining(65) == "1 menit 5 detik"
    assert format_remaining(0) == "waktu habis"


def test_page_state():
    future = datetime.now(UTC) + timedelta(hours=1)
    past = datetime.now(UTC) - timedelta(seconds=1)
    assert page_state(_txn(expires_at=future)) == "choose"
    assert page_state(_txn(expires_at=future, transaction_status="pending")) == "pending"
    assert page_state(_txn(expires_at=past, transaction_status="pending")) == "expired"
    assert page_state(_txn(expires_at=past)) == "expired"
    assert page_state(_txn(expires_at=past, transaction_status="settlement")) == "final"
    assert page_state(_txn(expires_at=future, transaction_status="expire")) == "expired"


def _body(**details) -> bytes:
    return json.dumps({"transaction_details": details}).encode()


def test_snap_request_parse_minimal_and_expiry():
    parsed = snap_request_parse(_body(order_id="A-1_~.b", gross_amount=10_000))
    assert parsed.order_id == "A-1_~.b"
    assert parsed.gross_amount == 10_000
    assert parsed.expiry == timedelta(hours=24)
    parsed = snap_request_parse(
        json.dumps(
            {
                "transaction_details": {"order_id": "A", "gross_amount": 10_000.0},
                "expiry": {
                    "start_time": "2025-01-31 13:00:00 +0700",
                    "unit": "minutes",
                    "duration": 5,
                },
            }
        ).encode()
    )
    assert parsed.gross_amount == 10_000
    assert parsed.expiry == timedelta(minutes=5)
    assert parsed.expiry_start == datetime(2025, 1, 31, 6, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("body", "fragment"),
    [
        (b"{not json", "not valid JSON"),
        (b"[]", "JSON object"),
        (_body(gross_amount=1), "order_id is required"),
        (_body(order_id="a b", gross_amount=1), "order_id may only contain"),
        (_body(order_id="x" * 51, gross_amount=1), "50 characters"),
        (_body(order_id="A"), "gross_amount is required"),
        (_body(order_id="A", gross_amount="100"), "gross_amount must be an integer"),
        (_body(order_id="A", gross_amount=10.5), "gross_amount must be an integer"),
        (_body(order_id="A", gross_amount=True), "gross_amount must be an integer"),
        (_body(order_id="A", gross_amount=0), "greater than 0"),
        (_body(order_id="A", gross_amount=-5), "greater than 0"),
    ],
)
def test_snap_request_parse_rejects(body, fragment):
    with pytest.raises(RequestInvalid) as info:
        snap_request_parse(body)
    assert any(fragment in message for message in info.value.messages), info.value.messages


def test_snap_request_parse_item_sum_and_expiry_unit():
    body = {
        "transaction_details": {"order_id": "A", "gross_amount": 30_000},
        "item_details": [{"id": "x", "price": 10_000, "quantity": 2, "name": "X"}],
    }
    with pytest.raises(RequestInvalid, match="sum of item_details"):
        snap_request_parse(json.dumps(body).encode())
    body["expiry"] = {"unit": "week", "duration": 1}
    with pytest.raises(RequestInvalid, match=r"expiry\.unit"):
        snap_request_parse(json.dumps(body).encode())


def test_notification_urls_parse():
    default = "https://g.example/payments/midtrans/notification"
    assert notification_urls_parse(override=None, append=None, default=default) == [default]
    assert notification_urls_parse(
        override="http://a.example/n, http://b.example/n", append=None, default=default
    ) == ["http://a.example/n", "http://b.example/n"]
    assert notification_urls_parse(override=None, append="http://c.example/n", default=default) == [
        default,
        "http://c.example/n",
    ]
    with pytest.raises(RequestInvalid, match="at most 3"):
        notification_urls_parse(
            override="http://a/1,http://a/2,http://a/3,http://a/4", append=None, default=default
        )
    with pytest.raises(RequestInvalid, match="invalid URL"):
        notification_urls_parse(override="ftp://a/1", append=None, default=default)


def test_simulate_request_parse():
    parsed = simulate_request_parse(b'{"payment_type": "qris", "transaction_status": "settlement"}')
    assert (parsed.payment_type, parsed.transaction_status) == ("qris", "settlement")
    with pytest.raises(RequestInvalid) as info:
        simulate_request_parse(b'{"payment_type": "card", "transaction_status": "refund"}')
    assert len(info.value.messages) == 2
