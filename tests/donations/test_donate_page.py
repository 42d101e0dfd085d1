"""The donation form on the site: validation in Indonesian, redirect to the gateway, finish page."""

from __future__ import annotations

import pytest
import requests

from gotong.campaigns.models import CampaignStatus
from gotong.donations.models import Donation
from tests import midtrans
from tests.factories import CampaignFactory, DonationFactory


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"amount": "5000", "name": "Budi"}, "Donasi minimal Rp 10.000."),
        ({"amount": "100000001", "name": "Budi"}, "Donasi maksimal Rp 100.000.000."),
        ({"amount": "lima puluh ribu", "name": "Budi"}, "Isi nominal dengan angka rupiah"),
        ({"amount": "50000,50", "name": "Budi"}, "Isi nominal dengan angka rupiah"),
        ({"amount": "", "name": "Budi"}, "Isi nominal donasi."),
        ({"amount": "50000", "name": ""}, "Nama wajib diisi"),
        ({"amount": "50000", "name": "Budi", "email": "budi@"}, "Alamat email tidak valid."),
        ({"amount": "50000", "name": "Budi", "message": "x" * 501}, "500 karakter"),
    ],
)
def test_bad_donation_input_is_explained_and_creates_nothing(client, data, message):
    campaign = CampaignFactory()
    response = client.post(f"/kampanye/{campaign.slug}/donasi/", data)
    assert response.status_code == 422
    assert message in response.content.decode()
    assert Donation.objects.count() == 0


@pytest.mark.django_db
def test_closed_campaign_takes_no_donations(client):
    campaign = CampaignFactory(status=CampaignStatus.ENDED)
    response = client.post(
        f"/kampanye/{campaign.slug}/donasi/", {"amount": "50000", "name": "Budi"}
    )
    assert "tidak sedang menerima donasi" in response.content.decode()
    assert Donation.objects.count() == 0


@pytest.mark.django_db
def test_draft_campaign_has_no_donation_page(client):
    campaign = CampaignFactory(status=CampaignStatus.DRAFT)
    assert client.get(f"/kampanye/{campaign.slug}/donasi/").status_code == 404


@pytest.mark.django_db(transaction=True)
def test_donating_redirects_to_the_sandbox_and_the_finish_page_follows_the_money(live_gateway):
    campaign = CampaignFactory()
    session = requests.Session()
    page = session.get(
        f"{live_gateway.url}/kampanye/{campaign.slug}/donasi/?nominal=50000", timeout=10
    )
    assert 'value="50000"' in page.text
    response = session.post(
        f"{live_gateway.url}/kampanye/{campaign.slug}/donasi/",
        data={
            "amount": "50000",
            "name": "Rina",
            "message": "Semoga berkah",
            "csrfmiddlewaretoken": session.cookies["csrftoken"],
        },
        headers={"Referer": page.url},
        allow_redirects=False,
        timeout=30,
    )
    assert response.status_code == 302
    assert response.headers["Location"].startswith(f"{live_gateway.url}/sandbox/midtrans/pay/")
    donation = Donation.objects.get()
    assert (donation.amount, donation.status, donation.payment_url) == (
        50_000,
        "pending",
        response.headers["Location"],
    )
    finish = session.get(f"{live_gateway.url}/donasi/{donation.order_id}/", timeout=10)
    assert "Menunggu pembayaran" in finish.text
    requests.post(
        f"{live_gateway.url}/payments/midtrans/notification",
        data=midtrans.body(midtrans.notification(donation.order_id, 50_000)),
        headers={"Content-Type": "application/json"},
        timeout=10,
    )
    finish = session.get(f"{live_gateway.url}/donasi/{donation.order_id}/", timeout=10)
    assert "donasi Anda berhasil" in finish.text


@pytest.mark.django_db
def test_finish_page_ignores_the_status_in_the_query_string(client):
    donation = DonationFactory()
    response = client.get(
        f"/donasi/{donation.order_id}/?order_id={donation.order_id}&status_code=200"
        "&transaction_status=settlement"
    )
    assert "Menunggu pembayaran" in response.content.decode()


@pytest.mark.django_db
def test_gateway_down_leaves_a_clear_message(client, settings):
    settings.MIDTRANS_SNAP_BASE_URL = "http://127.0.0.1:9"  # nothing listens on the discard port
    campaign = CampaignFactory()
    response = client.post(
        f"/kampanye/{campaign.slug}/donasi/", {"amount": "50000", "name": "Budi"}
    )
    assert "Pembayaran belum bisa dimulai" in response.content.decode()
