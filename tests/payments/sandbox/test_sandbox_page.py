"""The hosted payment page, driven through the Django test client (no JavaScript)."""

from __future__ import annotations

import base64
import re
from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse
from django.utils import timezone

from gotong.payments.sandbox import services
from gotong.payments.sandbox.models import SandboxTransaction

pytestmark = pytest.mark.django_db


@pytest.fixture
def txn(notification_receiver) -> SandboxTransaction:
    return services.transaction_create(
        order_id="GTG-PAGE-1",
        gross_amount=50_000,
        notification_urls=[f"{notification_receiver.url}/notify"],
        customer_details={"first_name": "Siti", "last_name": "Aminah", "email": "siti@example.com"},
        item_details=[{"id": "d", "price": 50_000, "quantity": 1, "name": "Donasi banjir"}],
        finish_url="https://gotong.example/donasi/selesai?ref=abc",
    )


def page_url(txn: SandboxTransaction, name: str = "sandbox:pay") -> str:
    return reverse(name, kwargs={"token": txn.token})


def href_of_testid(html: str, testid: str) -> str:
    match = re.search(r'href="([^"]*)"[^>]*data-testid="' + testid + '"', html)
    assert match, f"no link with data-testid={testid}"
    return match.group(1).replace("&amp;", "&")


def status_via_api(client, server_key: str, order_id: str):
    token = base64.b64encode(f"{server_key}:".encode()).decode()
    url = reverse("sandbox:status", kwargs={"order_id": order_id})
    return client.get(url, HTTP_AUTHORIZATION=f"Basic {token}")


def test_page_shows_order_and_methods(client, txn):
    response = client.get(page_url(txn))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Gotong (Sandbox)" in html
    assert "Rp 50.000" in html
    assert "GTG-PAGE-1" in html
    assert "Bayar sebelum" in html
    assert "Donasi banjir" in html
    for method, label in [
        ("bank_transfer", "BCA Virtual Account"),
        ("qris", "QRIS"),
        ("gopay", "GoPay"),
    ]:
        assert f'data-testid="method-{method}"' in html
        assert label in html
    assert 'data-testid="pay-now"' not in html


def test_qris_then_pay_now_settles_and_notifies(
    client, txn, server_key, notification_receiver, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(page_url(txn, "sandbox:pay-method"), {"payment_type": "qris"})
    assert response.status_code == 303
    assert response["Location"] == page_url(txn)
    html = client.get(page_url(txn)).content.decode()
    assert 'data-testid="qris-code"' in html
    for testid in ("pay-now", "cancel", "expire"):
        assert f'data-testid="{testid}"' in html
    assert "Bayar sekarang (simulasi)" in html
    assert status_via_api(client, server_key, txn.order_id).json()["status_code"] == "201"

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            page_url(txn, "sandbox:pay-finish"), {"transaction_status": "settlement"}, follow=True
        )
    html = response.content.decode()
    assert "Pembayaran berhasil" in html
    back = urlsplit(href_of_testid(html, "back-to-merchant"))
    assert (back.netloc, back.path) == ("gotong.example", "/donasi/selesai")
    assert parse_qs(back.query) == {
        "ref": ["abc"],
        "order_id": ["GTG-PAGE-1"],
        "status_code": ["200"],
        "transaction_status": ["settlement"],
    }
    assert "Kembali ke Gotong" in html

    data = status_via_api(client, server_key, txn.order_id).json()
    assert (data["transaction_status"], data["payment_type"]) == ("settlement", "qris")
    statuses = [n.json()["transaction_status"] for n in notification_receiver.wait_for(2)]
    assert statuses == ["pending", "settlement"]


def test_bank_transfer_shows_va_and_cancel(client, txn):
    client.post(page_url(txn, "sandbox:pay-method"), {"payment_type": "bank_transfer"})
    html = client.get(page_url(txn)).content.decode()
    txn.refresh_from_db()
    assert re.fullmatch(r"\d{11}", txn.va_number)
    assert txn.va_number in html
    response = client.post(
        page_url(txn, "sandbox:pay-finish"), {"transaction_status": "cancel"}, follow=True
    )
    assert "Pembayaran dibatalkan" in response.content.decode()
    txn.refresh_from_db()
    assert txn.transaction_status == "cancel"
    response = client.post(
        page_url(txn, "sandbox:pay-finish"), {"transaction_status": "settlement"}
    )
    assert response.status_code == 409
    txn.refresh_from_db()
    assert txn.transaction_status == "cancel"


def test_gopay_let_it_expire(client, txn):
    client.post(page_url(txn, "sandbox:pay-method"), {"payment_type": "gopay"})
    assert 'data-testid="gopay-deeplink"' in client.get(page_url(txn)).content.decode()
    response = client.post(
        page_url(txn, "sandbox:pay-finish"), {"transaction_status": "expire"}, follow=True
    )
    html = response.content.decode()
    assert "kedaluwarsa" in html
    query = parse_qs(urlsplit(href_of_testid(html, "back-to-merchant")).query)
    assert query["status_code"] == ["407"]
    assert query["transaction_status"] == ["expire"]


def test_bad_input_and_unknown_token(client, txn):
    response = client.post(page_url(txn, "sandbox:pay-method"), {"payment_type": "credit_card"})
    assert response.status_code == 400
    response = client.post(page_url(txn, "sandbox:pay-finish"), {"transaction_status": "deny"})
    assert response.status_code == 400
    response = client.get(
        reverse("sandbox:pay", kwargs={"token": "0" * 8 + "-0000-4000-8000-" + "0" * 12})
    )
    assert response.status_code == 404


def test_expired_before_choosing_cannot_be_paid(client, txn, server_key):
    SandboxTransaction.objects.filter(pk=txn.pk).update(
        expires_at=timezone.now() - timedelta(seconds=1)
    )
    html = client.get(page_url(txn)).content.decode()
    assert "Transaksi kedaluwarsa" in html
    assert 'data-testid="method-qris"' not in html
    assert "status_code=407" in href_of_testid(html, "back-to-merchant")
    response = client.post(page_url(txn, "sandbox:pay-method"), {"payment_type": "qris"})
    assert response.status_code == 409
    assert "kedaluwarsa" in response.content.decode()
    txn.refresh_from_db()
    assert txn.transaction_status == ""
    assert status_via_api(client, server_key, txn.order_id).status_code == 404


def test_expired_while_pending_cannot_be_paid(
    client, txn, server_key, notification_receiver, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(page_url(txn, "sandbox:pay-method"), {"payment_type": "bank_transfer"})
    SandboxTransaction.objects.filter(pk=txn.pk).update(
        expires_at=timezone.now() - timedelta(seconds=1)
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            page_url(txn, "sandbox:pay-finish"), {"transaction_status": "settlement"}
        )
    assert response.status_code == 409
    html = response.content.decode()
    assert "kedaluwarsa" in html
    assert 'data-testid="pay-now"' not in html
    assert 'data-testid="back-to-merchant"' in html
    data = status_via_api(client, server_key, txn.order_id).json()
    assert (data["transaction_status"], data["status_code"]) == ("expire", "407")
    statuses = [n.json()["transaction_status"] for n in notification_receiver.wait_for(2)]
    assert statuses == ["pending", "expire"]
