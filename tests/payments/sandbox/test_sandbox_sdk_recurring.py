"""The official midtransclient SDK's subscription and pay-account calls against the sandbox,
as it would call Midtrans (CoreApi: /v1/subscriptions…, /v2/pay/account…)."""

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
def core(base, server_key, notification_receiver) -> midtransclient.CoreApi:
    client = midtransclient.CoreApi(
        is_production=False,
        server_key=server_key,
        custom_headers={"X-Override-Notification": f"{notification_receiver.url}/sdk"},
    )
    client.api_config.CORE_SANDBOX_BASE_URL = base
    return client


def test_sdk_links_gopay_and_runs_a_subscription(base, core, server_key, notification_receiver):
    linked = core.link_payment_account(
        {
            "payment_type": "gopay",
            "gopay_partner": {
                "phone_number": "81234567890",
                "country_code": "62",
                "redirect_url": "https://gotong.example/rutin/kembali",
            },
        }
    )
    assert (linked["status_code"], linked["account_status"]) == ("201", "PENDING")
    account_id = linked["account_id"]
    link = {a["name"]: a["url"] for a in linked["actions"]}["activation-link-url"]
    assert link.startswith(f"{base}/v2/gopay/redirect/gpar_")
    assert core.get_payment_account(account_id)["account_status"] == "PENDING"

    # The person approves on the linking page.
    assert requests.post(link, data={"decision": "approve"}, timeout=10).status_code == 200
    enabled = core.get_payment_account(account_id)
    assert (enabled["status_code"], enabled["account_status"]) == ("200", "ENABLED")
    wallet = enabled["metadata"]["payment_options"][0]
    assert (wallet["name"], wallet["active"]) == ("GOPAY_WALLET", True)

    created = core.create_subscription(
        {
            "name": "GTG-R-1",
            "amount": "100000",
            "currency": "IDR",
            "payment_type": "gopay",
            "token": wallet["token"],
            "schedule": {
                "interval": 1,
                "interval_unit": "month",
                "max_interval": 12,
                "start_time": "2030-01-05 07:00:00 +0700",
            },
            "retry_schedule": {"interval": 1, "interval_unit": "day", "max_interval": 2},
            "customer_details": {"first_name": "Siti", "email": "siti@example.com"},
            "gopay": {"account_id": account_id},
        }
    )
    assert [created[k] for k in ("status", "amount", "currency")] == ["active", "100000", "IDR"]
    assert created["gopay"] == {"account_id": account_id}
    assert created["schedule"]["next_execution_at"] == "2030-01-05T00:00:00.000000Z"
    subscription_id = created["id"]

    charged = requests.post(f"{base}/subscriptions/{subscription_id}/charge", timeout=10).json()
    assert charged["order_id"].startswith("SUBS-GTG-R-1-")
    assert charged["subscription"]["id"] == subscription_id
    received = notification_receiver.wait_for(1)
    body = received[0].json()
    assert received[0].path == "/sdk"
    assert (body["transaction_status"], body["gross_amount"]) == ("settlement", "100000.00")
    signed = body["order_id"] + body["status_code"] + body["gross_amount"] + server_key
    assert body["signature_key"] == hashlib.sha512(signed.encode()).hexdigest()
    assert core.transactions.status(body["order_id"])["transaction_status"] == "settlement"

    got = core.get_subscription(subscription_id)
    assert got["transaction_ids"] == [body["transaction_id"]]
    assert got["schedule"]["current_interval"] == 1
    assert got["schedule"]["next_execution_at"] == "2030-02-05T00:00:00.000000Z"

    assert core.update_subscription(
        subscription_id,
        {"name": "GTG-R-1", "amount": "150000", "currency": "IDR", "token": wallet["token"]},
    ) == {"status_message": "Subscription is updated."}
    assert core.get_subscription(subscription_id)["amount"] == "150000"
    assert core.disable_subscription(subscription_id)["status_message"] == (
        "Subscription is updated."
    )
    assert core.get_subscription(subscription_id)["status"] == "inactive"
    refused = requests.post(f"{base}/subscriptions/{subscription_id}/charge", timeout=10)
    assert refused.status_code == 409
    core.enable_subscription(subscription_id)
    assert core.get_subscription(subscription_id)["status"] == "active"

    unbound = core.unlink_payment_account(account_id)
    assert (unbound["status_code"], unbound["account_status"]) == ("204", "DISABLED")
    assert core.get_payment_account(account_id)["account_status"] == "DISABLED"


def test_sdk_sees_midtrans_errors(core):
    with pytest.raises(MidtransAPIError) as info:
        core.get_subscription("d98a63b8-97e4-4059-825f-0f62340407e9")
    assert info.value.http_status_code == 404
    assert info.value.api_response_dict == {"status_message": "Subscription doesn't exist."}
    with pytest.raises(MidtransAPIError) as info:
        core.create_subscription({"name": "x", "amount": 5, "currency": "USD"})
    assert info.value.http_status_code == 400
    messages = info.value.api_response_dict["validation_messages"]
    assert any(m.startswith("amount is required") for m in messages)
    assert "currency must be IDR" in messages
    with pytest.raises(MidtransAPIError) as info:
        core.get_payment_account("00000269-7836-49e5-bc65-e592afafec14")
    assert info.value.http_status_code == 404
    core.api_config.server_key = "not-the-key"
    with pytest.raises(MidtransAPIError) as info:
        core.link_payment_account({"payment_type": "gopay"})
    assert info.value.http_status_code == 401
