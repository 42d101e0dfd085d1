"""The sandbox's Midtrans endpoints over real HTTP (live_server); notifications to a receiver."""

from __future__ import annotations

import hashlib
import uuid

import pytest
import requests

from gotong.payments.sandbox.models import SandboxNotificationDelivery, SandboxTransaction

pytestmark = pytest.mark.django_db(transaction=True)

NOTIFICATION_FIELDS = {
    "status_code",
    "status_message",
    "transaction_id",
    "order_id",
    "merchant_id",
    "gross_amount",
    "currency",
    "payment_type",
    "transaction_time",
    "transaction_status",
    "fraud_status",
    "signature_key",
}


def expected_signature(order_id: str, status_code: str, gross_amount: str, key: str) -> str:
    return hashlib.sha512((order_id + status_code + gross_amount + key).encode()).hexdigest()


@pytest.fixture
def base(live_server, settings) -> str:
    settings.PUBLIC_BASE_URL = live_server.url
    return f"{live_server.url}/sandbox/midtrans"


@pytest.fixture
def create(base, server_key, notification_receiver, snap_body):
    """POST a Snap transaction whose notifications go to the test receiver."""

    def _create(order_id: str = "ORDER-1", gross_amount: int = 50_000, **kwargs):
        headers = {"X-Override-Notification": f"{notification_receiver.url}/notify"}
        headers.update(kwargs.pop("headers", {}))
        return requests.post(
            f"{base}/snap/v1/transactions",
            json=kwargs.pop("body", None) or snap_body(order_id, gross_amount),
            auth=kwargs.pop("auth", (server_key, "")),
            headers=headers,
            timeout=10,
        )

    return _create


def status(base: str, order_id: str, key: str) -> requests.Response:
    return requests.get(f"{base}/v2/{order_id}/status", auth=(key, ""), timeout=10)


def simulate(base: str, order_id: str, payment_type: str, transaction_status: str):
    return requests.post(
        f"{base}/simulate/{order_id}",
        json={"payment_type": payment_type, "transaction_status": transaction_status},
        timeout=10,
    )


def test_create_returns_token_and_absolute_redirect_url(base, create, notification_receiver):
    response = create("ORDER-1")
    assert response.status_code == 201, response.text
    data = response.json()
    assert set(data) == {"token", "redirect_url"}
    uuid.UUID(data["token"])
    assert data["redirect_url"] == f"{base}/pay/{data['token']}/"
    page = requests.get(data["redirect_url"], timeout=10)
    assert page.status_code == 200
    assert "Rp 50.000" in page.text
    assert 'data-testid="method-qris"' in page.text
    txn = SandboxTransaction.objects.get(order_id="ORDER-1")
    assert txn.notification_urls == [f"{notification_receiver.url}/notify"]
    assert txn.gross_amount == 50_000
    assert txn.finish_url == "https://gotong.example/donasi/selesai?ref=abc"
    assert notification_receiver.notifications() == []  # nothing happens until a method is chosen


@pytest.mark.parametrize("auth", [None, ("wrong-key", ""), ("", "")])
def test_wrong_or_missing_server_key_is_401(base, server_key, snap_body, auth):
    response = requests.post(
        f"{base}/snap/v1/transactions", json=snap_body(), auth=auth, timeout=10
    )
    assert response.status_code == 401
    assert "Access denied" in response.json()["error_messages"][0]
    response = requests.get(f"{base}/v2/ORDER-1/status", auth=auth, timeout=10)
    assert response.status_code == 401
    assert response.json()["status_code"] == "401"


@pytest.mark.parametrize(
    ("details", "fragment"),
    [
        ({"gross_amount": 50_000}, "order_id is required"),
        ({"order_id": "bad id!", "gross_amount": 50_000}, "order_id may only contain"),
        ({"order_id": "A" * 51, "gross_amount": 50_000}, "50 characters"),
        ({"order_id": "ORDER-2", "gross_amount": "lima puluh"}, "must be an integer"),
        ({"order_id": "ORDER-2", "gross_amount": 500.5}, "must be an integer"),
        ({"order_id": "ORDER-2", "gross_amount": 0}, "greater than 0"),
    ],
)
def test_validation_errors_are_400(create, details, fragment):
    response = create(body={"transaction_details": details})
    assert response.status_code == 400
    messages = response.json()["error_messages"]
    assert any(fragment in message for message in messages), messages
    assert not SandboxTransaction.objects.exists()


def test_item_sum_mismatch_malformed_json_and_duplicate_are_400(base, create, server_key):
    body = {
        "transaction_details": {"order_id": "ORDER-3", "gross_amount": 50_000},
        "item_details": [{"id": "a", "price": 20_000, "quantity": 2, "name": "A"}],
    }
    response = create(body=body)
    assert response.status_code == 400
    assert response.json()["error_messages"] == [
        "transaction_details.gross_amount is not equal to the sum of item_details"
    ]

    response = requests.post(
        f"{base}/snap/v1/transactions",
        data=b'{"transaction_details": ',
        headers={"Content-Type": "application/json"},
        auth=(server_key, ""),
        timeout=10,
    )
    assert response.status_code == 400
    assert response.json()["error_messages"]

    assert create("ORDER-3").status_code == 201
    response = create("ORDER-3")
    assert response.status_code == 400
    assert response.json() == {
        "error_messages": ["transaction_details.order_id has already been taken"]
    }
    assert SandboxTransaction.objects.filter(order_id="ORDER-3").count() == 1


def test_notification_headers(create, notification_receiver, live_server):
    override = f"{notification_receiver.url}/a,{notification_receiver.url}/b"
    assert create("ORDER-O", headers={"X-Override-Notification": override}).status_code == 201
    assert SandboxTransaction.objects.get(order_id="ORDER-O").notification_urls == [
        f"{notification_receiver.url}/a",
        f"{notification_receiver.url}/b",
    ]
    response = create(
        "ORDER-A",
        headers={"X-Override-Notification": "", "X-Append-Notification": "https://x.example/n"},
    )
    assert response.status_code == 201
    assert SandboxTransaction.objects.get(order_id="ORDER-A").notification_urls == [
        f"{live_server.url}/payments/midtrans/notification",
        "https://x.example/n",
    ]
    four = ",".join(f"{notification_receiver.url}/{i}" for i in range(4))
    response = create("ORDER-4", headers={"X-Override-Notification": four})
    assert response.status_code == 400


def test_status_is_404_until_a_method_is_chosen(base, create, server_key):
    response = status(base, "NO-SUCH-ORDER", server_key)
    assert response.status_code == 404
    body = response.json()
    assert body["status_code"] == "404"
    assert body["status_message"] == "Transaction doesn't exist."
    uuid.UUID(body["id"])

    assert create("ORDER-5").status_code == 201
    assert status(base, "ORDER-5", server_key).status_code == 404

    response = simulate(base, "ORDER-5", "bank_transfer", "pending")
    assert response.status_code == 200
    response = status(base, "ORDER-5", server_key)
    assert response.status_code == 200
    data = response.json()
    assert data["transaction_status"] == "pending"
    assert data["status_code"] == "201"
    assert data["status_message"] == "Success, transaction is found"
    assert data["payment_type"] == "bank_transfer"
    assert data["va_numbers"][0]["bank"] == "bca"
    assert len(data["va_numbers"][0]["va_number"]) == 11
    assert data["va_numbers"][0]["va_number"].isdigit()
    assert data["signature_key"] == expected_signature("ORDER-5", "201", "50000.00", server_key)


def test_simulate_settlement_notifies_with_midtrans_fields(
    base, create, server_key, notification_receiver
):
    assert create("ORDER-6", 75_000).status_code == 201
    response = simulate(base, "ORDER-6", "qris", "settlement")
    assert response.status_code == 200, response.text
    assert response.json()["transaction_status"] == "settlement"

    data = status(base, "ORDER-6", server_key).json()
    assert data["transaction_status"] == "settlement"
    assert data["status_code"] == "200"
    assert data["gross_amount"] == "75000.00"
    assert data["payment_type"] == "qris"
    assert data["acquirer"] == "gopay"
    assert data["settlement_time"]
    assert data["signature_key"] == expected_signature("ORDER-6", "200", "75000.00", server_key)

    received = notification_receiver.wait_for(2)
    assert [n.json()["transaction_status"] for n in received] == ["pending", "settlement"]
    for notification in received:
        assert notification.path == "/notify"
        assert notification.headers["Content-Type"] == "application/json"
    settled = received[1].json()
    assert set(settled) >= NOTIFICATION_FIELDS
    assert settled["status_message"] == "midtrans payment notification"
    assert settled["transaction_type"] == "on-us"
    assert settled["order_id"] == "ORDER-6"
    assert settled["gross_amount"] == "75000.00"
    assert settled["signature_key"] == expected_signature(
        "ORDER-6", settled["status_code"], settled["gross_amount"], server_key
    )
    deliveries = SandboxNotificationDelivery.objects.filter(transaction__order_id="ORDER-6")
    assert [d.response_status for d in deliveries] == [200, 200]
    assert deliveries[1].payload == settled


def test_final_states_cannot_change(base, create, server_key, notification_receiver):
    assert create("ORDER-7").status_code == 201
    assert simulate(base, "ORDER-7", "gopay", "cancel").status_code == 200
    for target in ("settlement", "pending", "expire"):
        response = simulate(base, "ORDER-7", "gopay", target)
        assert response.status_code == 409
        assert response.json()["transaction_status"] == "cancel"
        assert response.json()["error_messages"]
    assert status(base, "ORDER-7", server_key).json()["transaction_status"] == "cancel"
    assert len(notification_receiver.wait_for(2)) == 2  # pending, cancel; nothing after


def test_simulate_errors(base, create):
    response = simulate(base, "NOPE", "qris", "settlement")
    assert response.status_code == 404
    assert response.json()["status_code"] == "404"
    assert create("ORDER-8").status_code == 201
    response = simulate(base, "ORDER-8", "credit_card", "settlement")
    assert response.status_code == 400
    assert response.json()["error_messages"]
    response = requests.post(f"{base}/simulate/ORDER-8", data=b"nope", timeout=10)
    assert response.status_code == 400


def test_failed_delivery_is_recorded(base, create, notification_receiver):
    headers = {"X-Override-Notification": f"{notification_receiver.url}/fail"}
    assert create("ORDER-9", headers=headers).status_code == 201
    assert simulate(base, "ORDER-9", "gopay", "deny").status_code == 200
    deliveries = list(SandboxNotificationDelivery.objects.filter(transaction__order_id="ORDER-9"))
    assert [d.response_status for d in deliveries] == [500, 500]
    assert all(d.error.startswith("HTTP 500") for d in deliveries)
    assert [d.payload["status_code"] for d in deliveries] == ["201", "202"]
