"""Public pages: home, list by category, campaign page, live total fragment."""

from __future__ import annotations

import datetime

import pytest
from django.core.cache import cache
from django.utils import timezone

from gotong.campaigns.models import CampaignStatus
from gotong.campaigns.selectors import campaigns_nearly_funded
from gotong.donations.models import Donation
from gotong.donations.transitions import DonationEvent
from gotong.payments.services import donation_event_apply
from tests.factories import CampaignFactory, DonationFactory

pytestmark = pytest.mark.django_db


def settle(donation: Donation) -> None:
    donation_event_apply(donation=donation, event=DonationEvent.PAID)


def test_home_shows_featured_newest_and_nearly_funded(client):
    CampaignFactory(title="Kampanye pilihan redaksi", is_featured=True)
    CampaignFactory(title="Kampanye hampir tercapai", target=1_000_000, collected=900_000)
    CampaignFactory(title="Kampanye draf rahasia", status=CampaignStatus.DRAFT)
    CampaignFactory(
        title="Kampanye sudah lewat", deadline=timezone.localdate() - datetime.timedelta(days=1)
    )
    page = client.get("/").content.decode()
    assert "Pilihan" in page
    assert "Kampanye pilihan redaksi" in page
    assert "Hampir tercapai" in page
    assert "Kampanye hampir tercapai" in page
    assert "Kampanye draf rahasia" not in page
    assert "Kampanye sudah lewat" not in page


def test_nearly_funded_are_campaigns_at_70_percent_or_more_not_yet_at_target(client):
    for title, collected in (("Baru sepuluh persen", 100_000), ("Dua puluh satu persen", 210_000)):
        CampaignFactory(title=title, target=1_000_000, collected=collected)
    # Nothing near its target: no "Hampir tercapai" section at all.
    assert "Hampir tercapai" not in client.get("/").content.decode()
    for title, collected in (
        ("Tujuh puluh persen", 700_000),
        ("Sembilan puluh persen", 900_000),
        ("Sudah tercapai", 1_000_000),
    ):
        CampaignFactory(title=title, target=1_000_000, collected=collected)
    assert [c.title for c in campaigns_nearly_funded()] == [
        "Sembilan puluh persen",
        "Tujuh puluh persen",
    ]


def test_list_filters_by_category_and_ignores_unknown(client):
    CampaignFactory(title="Operasi katup jantung", category="medis")
    CampaignFactory(title="Atap sekolah roboh", category="pendidikan")
    medis = client.get("/kampanye/?kategori=medis").content.decode()
    assert "Operasi katup jantung" in medis
    assert "Atap sekolah roboh" not in medis
    unknown = client.get("/kampanye/?kategori=%3Cscript%3E&halaman=abc")
    assert unknown.status_code == 200
    assert "Atap sekolah roboh" in unknown.content.decode()


def test_campaign_page_shows_progress_donors_and_share_links(client):
    campaign = CampaignFactory(target=50_000_000)
    settle(
        DonationFactory(campaign=campaign, amount=12_345_000, name="Budi", message="Semoga berkah")
    )
    settle(
        DonationFactory(
            campaign=campaign,
            amount=50_000,
            is_anonymous=True,
            name="Rahasia",
            email="rahasia@contoh.id",
        )
    )
    DonationFactory(campaign=campaign, amount=70_000, name="Belum Bayar")
    page = client.get(campaign.get_absolute_url()).content.decode()
    assert 'Rp 12.395.000</strong> terkumpul dari target <span class="nowrap">Rp 50.000.000' in page
    assert 'data-testid="donor-count">2<' in page
    assert "sisa hari" in page
    assert "Semoga berkah" in page
    assert "Orang Baik" in page
    assert "Rahasia" not in page
    assert "rahasia@contoh.id" not in page
    assert "Belum Bayar" not in page
    assert "https://wa.me/?text=" in page
    assert 'hx-trigger="every 5s"' in page


def test_progress_fragment_follows_settlements_within_its_cache_lifetime(client, settings):
    campaign = CampaignFactory()
    url = f"/kampanye/{campaign.slug}/progres/"
    assert "Rp 0</strong>" in client.get(url).content.decode()
    settle(DonationFactory(campaign=campaign, amount=50_000))
    cached = client.get(url)
    assert "Rp 0</strong>" in cached.content.decode()  # still inside the cache lifetime
    assert cached["Cache-Control"] == f"public, max-age={settings.LIVE_TOTAL_CACHE_SECONDS}"
    cache.clear()  # what the cache expiry does after LIVE_TOTAL_CACHE_SECONDS
    assert "Rp 50.000</strong>" in client.get(url).content.decode()


def test_unknown_and_draft_pages_are_404_not_500(client):
    draft = CampaignFactory(status=CampaignStatus.DRAFT)
    assert client.get("/kampanye/tidak-ada/").status_code == 404
    assert client.get(f"/kampanye/{draft.slug}/").status_code == 404
    assert client.get(f"/kampanye/{draft.slug}/progres/").status_code == 404
    assert client.get("/donasi/GTG-TIDAK-ADA/").status_code == 404


def test_user_written_titles_are_escaped(client):
    campaign = CampaignFactory(title="<img src=x onerror=alert(1)> Judul")
    page = client.get(campaign.get_absolute_url()).content.decode()
    assert "<img src=x onerror" not in page
    assert "&lt;img src=x onerror=alert(1)&gt; Judul" in page


def test_campaigner_name_never_comes_from_the_email(client):
    campaign = CampaignFactory(owner__display_name="", owner__email="siti.rahayu@contoh.id")
    page = client.get(campaign.get_absolute_url()).content.decode()
    assert "siti.rahayu" not in page
    assert "Digalang oleh Penggalang dana" in page


def test_a_fresh_donation_says_just_now(client):
    campaign = CampaignFactory()
    settle(DonationFactory(campaign=campaign))
    assert "baru saja" in client.get(campaign.get_absolute_url()).content.decode()
