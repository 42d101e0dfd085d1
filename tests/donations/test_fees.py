"""Platform fee: its own ledger entry, zero-fee categories, a 10% ceiling no setting can pass."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from gotong.campaigns.models import Campaign
from gotong.donations.books import ledger_verify
from gotong.donations.fees import fee_for, fee_policy_text
from gotong.donations.transitions import DonationEvent
from gotong.ledger.models import JournalEntry
from gotong.payments.services import donation_event_apply
from tests.factories import CampaignFactory, DonationFactory

ROOT = Path(__file__).resolve().parents[2]


def manage_check(**env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize("percent", ["10.01", "11", "50", "-1", "NaN", "lima", "2.555"])
def test_the_platform_refuses_to_start_with_an_illegal_fee(percent):
    result = manage_check(PLATFORM_FEE_PERCENT=percent)
    assert result.returncode != 0
    assert "PLATFORM_FEE_PERCENT" in result.stderr


@pytest.mark.parametrize("percent", ["0", "2.5", "10"])
def test_fees_up_to_the_ceiling_start(percent):
    assert manage_check(PLATFORM_FEE_PERCENT=percent).returncode == 0


def test_fee_rounds_down_and_disaster_relief_is_free(settings):
    settings.PLATFORM_FEE_BASIS_POINTS = 250
    assert fee_for(amount=10_039, category="medis") == 250  # 250.975 rounded down
    assert fee_for(amount=10_000_000, category="bencana-alam") == 0
    settings.FEE_ZERO_CATEGORIES = ["bencana-alam", "medis"]
    assert fee_for(amount=10_000_000, category="medis") == 0
    assert "Tanpa biaya platform" in fee_policy_text(category="medis")
    assert "2,5%" in fee_policy_text(category="pendidikan")


@pytest.mark.django_db
def test_the_fee_is_its_own_entry_and_never_shrinks_the_donation(settings):
    settings.PLATFORM_FEE_BASIS_POINTS = 500
    donation = DonationFactory(amount=100_000)
    donation_event_apply(donation=donation, event=DonationEvent.PAID)
    donation.refresh_from_db()
    campaign = Campaign.objects.get(pk=donation.campaign_id)
    assert (donation.amount, donation.fee) == (100_000, 5_000)
    assert (campaign.collected, campaign.fees, campaign.available) == (100_000, 5_000, 95_000)
    assert JournalEntry.objects.filter(kind="platform_fee", donation=donation).count() == 1
    assert ledger_verify().ok


@pytest.mark.django_db
def test_zero_fee_category_books_no_fee_entry():
    campaign = CampaignFactory(category="bencana-alam")
    donation_event_apply(
        donation=DonationFactory(campaign=campaign, amount=100_000),
        event=DonationEvent.PAID,
    )
    campaign.refresh_from_db()
    assert (campaign.collected, campaign.fees, campaign.available) == (100_000, 0, 100_000)
    assert not JournalEntry.objects.filter(kind="platform_fee").exists()


@pytest.mark.django_db
def test_verify_ledger_catches_a_fee_counter_that_disagrees():
    donation = DonationFactory(amount=100_000)
    donation_event_apply(donation=donation, event=DonationEvent.PAID)
    Campaign.objects.filter(pk=donation.campaign_id).update(fees=0)
    problems = ledger_verify().problems
    assert any("fees 0, ledger 5000" in p for p in problems)
    assert any("available 100000, entries 95000" in p for p in problems)


@pytest.mark.django_db
def test_campaign_page_states_the_policy_and_the_available_funds(client):
    campaign = CampaignFactory(category="pendidikan")
    donation_event_apply(
        donation=DonationFactory(campaign=campaign, amount=200_000),
        event=DonationEvent.PAID,
    )
    page = client.get(campaign.get_absolute_url()).content.decode()
    assert "Biaya platform 5% dari setiap donasi" in page
    assert 'data-testid="available">Rp 190.000<' in page
    assert "Rp 200.000</strong> terkumpul" in page
    free = CampaignFactory(category="bencana-alam")
    assert "Tanpa biaya platform" in client.get(free.get_absolute_url()).content.decode()
