"""The donor's own e-kuitansi: the link in their receipt email is signed, and that copy names
them even when they gave anonymously; everyone else still reads "Orang Baik". And every page,
PDF and email a donor reads names the payment method ("BCA Virtual Account"), never a code."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from django.core import mail

from gotong.donations.services import GatewayReport
from gotong.donations.transitions import DonationEvent
from gotong.payments.services import donation_event_apply
from tests import midtrans
from tests.factories import DonationFactory, UserFactory
from tests.receipts.helpers import pdf_text

pytestmark = pytest.mark.django_db

NOTIFY = "/payments/midtrans/notification"


def pay(client, donation, **fields) -> None:
    payload = {**midtrans.notification(donation.order_id, donation.amount), **fields}
    response = client.post(NOTIFY, data=midtrans.body(payload), content_type="application/json")
    assert response.json()["outcome"] == "applied"
    donation.refresh_from_db()


def donor_name(html: str) -> str:
    [name] = re.findall(r'<dd data-testid="receipt-donor">([^<]*)', html)
    return name


def emailed_receipt_links(django_capture_on_commit_callbacks, client, donation, **fields):
    with django_capture_on_commit_callbacks(execute=True):
        pay(client, donation, **fields)
    [message] = mail.outbox
    urls = re.findall(r"https?://\S+/kuitansi/\S+", message.body)
    return message, [f"{urlsplit(u).path}?{urlsplit(u).query}" for u in urls]


def test_an_anonymous_donor_reads_their_own_name_on_their_own_receipt(
    client, django_capture_on_commit_callbacks
):
    donation = DonationFactory(name="Siti Rahmawati", is_anonymous=True, email="siti@contoh.id")
    _, (page_url, pdf_url) = emailed_receipt_links(
        django_capture_on_commit_callbacks, client, donation
    )
    assert "?kunci=" in page_url
    assert "?kunci=" in pdf_url

    own = client.get(page_url)
    assert own.status_code == 200
    assert donor_name(own.content.decode()) == "Siti Rahmawati"
    assert 'data-testid="receipt-own-copy"' in own.content.decode()
    assert "no-store" in own["Cache-Control"]
    assert (
        "?kunci=" in re.search(r'data-testid="receipt-pdf" href="([^"]+)"', own.content.decode())[1]
    )
    assert "Siti Rahmawati" in pdf_text(client.get(pdf_url).content)

    public = client.get(f"/kuitansi/{donation.order_id}/").content.decode()
    assert donor_name(public) == "Orang Baik"
    assert "Siti" not in public
    assert "Siti" not in pdf_text(client.get(f"/kuitansi/{donation.order_id}.pdf").content)
    assert client.get(f"/kuitansi/{donation.order_id}.json").json()["donor_name"] == "Orang Baik"
    campaign_page = client.get(donation.campaign.get_absolute_url()).content.decode()
    assert "Orang Baik" in campaign_page
    assert "Siti" not in campaign_page


def test_a_forged_or_borrowed_key_shows_the_public_name(client, django_capture_on_commit_callbacks):
    donation = DonationFactory(name="Siti Rahmawati", is_anonymous=True)
    other = DonationFactory(name="Andi", is_anonymous=True, email="")
    _, (page_url, _pdf) = emailed_receipt_links(
        django_capture_on_commit_callbacks, client, donation
    )
    pay(client, other)
    key = page_url.split("kunci=")[1]
    for url in (
        f"/kuitansi/{donation.order_id}/?kunci={key[:-2]}xx",
        f"/kuitansi/{donation.order_id}/?kunci=",
        f"/kuitansi/{other.order_id}/?kunci={key}",
    ):
        html = client.get(url).content.decode()
        assert donor_name(html) == "Orang Baik", url
        assert "Siti" not in html


def test_a_signed_in_donor_gets_their_own_receipt_from_the_finish_page(client):
    user = UserFactory()
    donation = DonationFactory(name="Siti Rahmawati", is_anonymous=True, donor=user)
    pay(client, donation)
    finish = f"/donasi/{donation.order_id}/"
    anonymous_link = re.search(
        r'data-testid="receipt-link" href="([^"]+)"', client.get(finish).content.decode()
    )[1]
    assert "kunci" not in anonymous_link
    client.force_login(user)
    link = re.search(
        r'data-testid="receipt-link" href="([^"]+)"', client.get(finish).content.decode()
    )[1]
    assert donor_name(client.get(link.replace("&amp;", "&")).content.decode()) == "Siti Rahmawati"


@pytest.mark.parametrize(
    ("fields", "stored", "name"),
    [
        ({"payment_type": "qris"}, "qris", "QRIS"),
        ({"payment_type": "gopay"}, "gopay", "GoPay"),
        (
            {"payment_type": "bank_transfer", "va_numbers": [{"bank": "bca", "va_number": "1"}]},
            "bca_va",
            "BCA Virtual Account",
        ),
        (
            {"payment_type": "bank_transfer", "va_numbers": [{"bank": "bni", "va_number": "1"}]},
            "bni_va",
            "BNI Virtual Account",
        ),
        (
            {"payment_type": "bank_transfer", "permata_va_number": "8562"},
            "permata_va",
            "Permata Virtual Account",
        ),
        (
            {"payment_type": "echannel", "bill_key": "1", "biller_code": "70012"},
            "echannel",
            "Mandiri Bill Payment",
        ),
        ({"payment_type": "cstore", "store": "indomaret"}, "indomaret", "Indomaret"),
        ({"payment_type": "credit_card"}, "credit_card", "Kartu kredit/debit"),
        ({"payment_type": "new_wallet"}, "new_wallet", "New Wallet"),
    ],
)
def test_the_payment_method_is_named_on_the_receipt_pdf_finish_page_and_email(
    client, django_capture_on_commit_callbacks, fields, stored, name
):
    donation = DonationFactory(email="budi@contoh.id")
    message, _links = emailed_receipt_links(
        django_capture_on_commit_callbacks, client, donation, **fields
    )
    assert donation.payment_type == stored

    receipt = client.get(f"/kuitansi/{donation.order_id}/").content.decode()
    assert f'<dd data-testid="receipt-method">{name}</dd>' in receipt
    assert f"Metode pembayaran {name}" in re.sub(
        r"\s+", " ", pdf_text(client.get(f"/kuitansi/{donation.order_id}.pdf").content)
    )
    finish = client.get(f"/donasi/{donation.order_id}/").content.decode()
    assert f"Dibayar dengan {name}." in finish
    html, _mimetype = message.alternatives[0]
    assert f"Metode pembayaran: {name}" in message.body
    assert name in html
    for text in (receipt, finish, message.body, html):
        assert "bank_transfer" not in text
        assert stored not in text or stored == name.lower()


def test_a_bank_transfer_settled_from_the_statement_is_named_transfer_bank(client):
    donation = DonationFactory(gateway="transfer")
    report = GatewayReport(
        event=DonationEvent.PAID, transaction_status="bank_statement", payment_type="bank_transfer"
    )
    donation_event_apply(donation=donation, event=DonationEvent.PAID, report=report)
    receipt = client.get(f"/kuitansi/{donation.order_id}/").content.decode()
    assert '<dd data-testid="receipt-method">Transfer bank</dd>' in receipt
