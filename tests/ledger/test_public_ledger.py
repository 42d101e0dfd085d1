"""The public ledger pages and downloads: every movement, running balance, donors anonymous."""

from __future__ import annotations

import csv
import io

import pytest
from django.core.cache import cache

from gotong.campaigns.models import CampaignStatus
from gotong.core.money import rupiah
from gotong.donations.transitions import DonationEvent
from gotong.payments.services import donation_event_apply
from tests.factories import CampaignFactory, DonationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def campaign():
    campaign = CampaignFactory(category="pendidikan")
    for amount, name, anonymous in ((100_000, "Budi", False), (40_000, "Rahasia Sekali", True)):
        donation_event_apply(
            donation=DonationFactory(
                campaign=campaign,
                amount=amount,
                name=name,
                is_anonymous=anonymous,
                email=f"{name.split()[0].lower()}@contoh.id",
            ),
            event=DonationEvent.PAID,
        )
    DonationFactory(campaign=campaign, amount=999_000, name="Belum Bayar")
    campaign.refresh_from_db()
    return campaign


def test_json_lists_every_movement_with_a_running_balance(client, campaign):
    body = client.get(f"/kampanye/{campaign.slug}/buku-besar.json").json()
    amounts = [(e["kind"], e["amount"], e["balance"]) for e in body["entries"]]
    assert amounts == [
        ("donation_settled", 100_000, 100_000),
        ("platform_fee", -5_000, 95_000),
        ("donation_settled", 40_000, 135_000),
        ("platform_fee", -2_000, 133_000),
    ]
    assert (body["collected"], body["fees"], body["available"]) == (140_000, 7_000, 133_000)
    assert body["entries"][-1]["balance"] == campaign.available
    descriptions = [e["description"] for e in body["entries"]]
    assert descriptions[0] == "Donasi dari Budi"
    assert descriptions[2] == "Donasi dari Orang Baik"


def test_no_private_data_in_any_format(client, campaign):
    for suffix in ("buku-besar/", "buku-besar.csv", "buku-besar.json"):
        response = client.get(f"/kampanye/{campaign.slug}/{suffix}")
        text = b"".join(response.streaming_content) if response.streaming else response.content
        text = text.decode()
        assert response.status_code == 200
        for secret in ("Rahasia", "rahasia@contoh.id", "budi@contoh.id", "Belum Bayar"):
            assert secret not in text, (suffix, secret)


def test_csv_download_parses_and_matches_the_json(client, campaign):
    response = client.get(f"/kampanye/{campaign.slug}/buku-besar.csv")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    as_json = client.get(f"/kampanye/{campaign.slug}/buku-besar.json").json()["entries"]
    assert [int(r["amount"]) for r in rows] == [e["amount"] for e in as_json]
    assert [int(r["balance"]) for r in rows] == [e["balance"] for e in as_json]


def test_page_shows_totals_and_links_downloads(client, campaign):
    page = client.get(f"/kampanye/{campaign.slug}/buku-besar/").content.decode()
    assert 'data-testid="ledger-available">Rp 133.000<' in page
    assert "buku-besar.csv" in page
    assert "Lihat buku besar publik" in client.get(campaign.get_absolute_url()).content.decode()


def test_drafts_have_no_public_ledger(client):
    draft = CampaignFactory(status=CampaignStatus.DRAFT)
    for suffix in ("buku-besar/", "buku-besar.csv", "buku-besar.json"):
        assert client.get(f"/kampanye/{draft.slug}/{suffix}").status_code == 404


def test_platform_totals_page(client, campaign):
    cache.clear()
    CampaignFactory(status=CampaignStatus.DRAFT, collected=0)
    page = client.get("/transparansi/").content.decode()
    assert 'data-testid="total-collected">Rp 140.000<' in page
    assert 'data-testid="total-fees">Rp 7.000<' in page
    assert 'data-testid="total-donations">2<' in page


def test_platform_totals_subtract_refunds_from_what_campaigns_hold(client, campaign):
    refunded = campaign.donations.get(name="Budi")
    donation_event_apply(donation=refunded, event=DonationEvent.REFUNDED)
    cache.clear()
    page = client.get("/transparansi/").content.decode()
    campaign.refresh_from_db()
    assert 'data-testid="total-refunded">Rp 100.000<' in page
    # Rp 140.000 in, fees back to Rp 2.000, Rp 100.000 returned: what the funds account holds.
    assert campaign.available == 38_000
    assert f'data-testid="total-available">{rupiah(campaign.available)}<' in page
