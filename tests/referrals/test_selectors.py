"""Top fundraisers and a person's totals count settled donations only, under public names."""

from __future__ import annotations

import pytest

from gotong.donations.transitions import DonationEvent
from gotong.payments.services import donation_event_apply
from gotong.referrals.selectors import referral_totals_for, referrers_top
from tests.factories import CampaignFactory, UserFactory
from tests.referrals.helpers import referred

pytestmark = pytest.mark.django_db


def test_top_fundraisers_count_only_settled_donations_largest_first():
    campaign = CampaignFactory()
    ani = UserFactory(display_name="Ani", email="ani@contoh.id")
    budi = UserFactory(display_name="Budi", email="budi@contoh.id")
    referred(campaign=campaign, referrer=ani, amount=50_000)
    referred(campaign=campaign, referrer=ani, amount=25_000)
    referred(campaign=campaign, referrer=budi, amount=100_000)
    referred(campaign=campaign, referrer=budi, amount=900_000, settled=False)  # still pending
    failed = referred(campaign=campaign, referrer=ani, amount=700_000, settled=False)
    donation_event_apply(donation=failed, event=DonationEvent.FAILED)
    refunded = referred(campaign=campaign, referrer=ani, amount=300_000)
    donation_event_apply(donation=refunded, event=DonationEvent.REFUNDED)
    referred(campaign=CampaignFactory(), referrer=ani, amount=5_000_000)  # another campaign
    referred(campaign=campaign, referrer=None, amount=2_000_000)  # came by no link

    top = referrers_top(campaign=campaign)
    assert top == [("Budi", 100_000, 1), ("Ani", 75_000, 2)]
    assert (top[0].name, top[0].total, top[0].donation_count) == ("Budi", 100_000, 1)


def test_top_fundraisers_show_public_names_never_emails_and_stop_at_the_limit():
    campaign = CampaignFactory()
    for i in range(7):
        referred(
            campaign=campaign,
            referrer=UserFactory(display_name="", email=f"rahasia{i}@contoh.id"),
            amount=10_000 * (i + 1),
        )
    top = referrers_top(campaign=campaign)
    assert len(top) == 5
    assert [t.total for t in top] == [70_000, 60_000, 50_000, 40_000, 30_000]
    assert {t.name for t in top} == {"Penggalang dana"}
    assert len(referrers_top(campaign=campaign, limit=None)) == 7


def test_a_person_s_totals_per_campaign():
    person = UserFactory()
    first, second, untouched = CampaignFactory(), CampaignFactory(), CampaignFactory()
    referred(campaign=first, referrer=person, amount=20_000)
    referred(campaign=second, referrer=person, amount=50_000)
    referred(campaign=second, referrer=person, amount=30_000)
    referred(campaign=second, referrer=person, amount=40_000, settled=False)
    referred(campaign=untouched, referrer=UserFactory(), amount=99_000)
    assert referral_totals_for(user=person) == [(second, 80_000, 2), (first, 20_000, 1)]
    assert referral_totals_for(user=person, campaign=first) == [(first, 20_000, 1)]
    assert referral_totals_for(user=UserFactory()) == []
