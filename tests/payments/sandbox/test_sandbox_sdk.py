"""The official midtransclient SDK talks to the sandbox as it would to Midtrans."""

from __future__ import annotations

import hashlib

import midtransclient
import pytest
import requests
from midtransclient.error_midtrans import MidtransAPIError

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def base(live_server, settings) -> str:
    settings.PUBLIC_BASE_URL = live_server.url
    return f"{live_server.url}/sandbox/midtrans"


@pytest.fixture
def snap(base, server_key, notification_receiver) -> midtransclient.Snap:
    client = midtransclient.Snap(
        is_production=False,
        server_key=server_key,
        client_key="SB-Mid-client-test",
        custom_headers={"X-Override-Notification": f"{notification_receiver.url}/sdk"},
    )
    client.api_config.SNAP_SANDBOX_BASE_URL = f"{base}/snap/v1"
    return client


@pytest.fixture
def core(base, server_key) -> midtransclient.CoreApi:
    client = midtransclient.CoreApi(is_production=False, server_key=server_key)
    client.api_config.CORE_SANDBOX_BASE_URL = base
    return client


def test_sdk_create_status_and_settle(
    base, snap, core, server_key, snap_body, notification_receiver
):
    created = snap.create_transaction(snap_body("SDK-1", 25_000))
    assert set(created) == {"token", "redirect_url"}
    assert created["redirect_url"].startswith(f"{base}/pay/")
    assert requests.get(created["redirect_url"], timeout=10).status_code == 200

    with pytest.raises(MidtransAPIError) as info:
        core.transactions.status("SDK-1")
    assert info.value.http_status_code == 404
    assert info.value.api_response_dict["status_message"] == "Transaction doesn't exist."

    response = requests.post(
        f"{base}/simulate/SDK-1",
        json={"payment_type": "bank_transfer", "transaction_status": "settlement"},
        timeout=10,
    )
    assert response.status_code == 200

    status = core.transactions.status("SDK-1")
    assert status["transaction_status"] == "settlement"
    assert status["status_code"] == "200"
    assert status["gross_amount"] == "25000.00"
    expected = hashlib.sha512(f"SDK-120025000.00{server_key}".encode()).hexdigest()
    assert status["signature_key"] == expected

    received = notification_receiver.wait_for(2)
    assert [n.path for n in received] == ["/sdk", "/sdk"]
    assert received[-1].json()["transaction_status"] == "settlement"
    assert received[-1].json()["signature_key"] == expected


def test_sdk_sees_401_with_wrong_key(base, snap, core, snap_body):
    snap.api_config.server_key = "not-the-key"
    with pytest.raises(MidtransAPIError) as info:
        snap.create_transaction(snap_body("SDK-2"))
    assert info.value.http_status_code == 401
    core.api_config.server_key = "not-the-key"
    with pytest.raises(MidtransAPIError) as info:
        core.transactions.status("SDK-2")
    assert info.value.http_status_code == 401


def test_sdk_sees_400_for_duplicate_order(snap, snap_body):
    snap.create_transaction(snap_body("SDK-3"))
    with pytest.raises(MidtransAPIError) as info:
        snap.create_transaction(snap_body("SDK-3"))
    assert info.value.http_status_code == 400
    assert "already been taken" in info.value.api_response_dict["error_messages"][0]
