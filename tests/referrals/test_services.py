"""The fundraiser code: one per person, random, URL-safe, stable; and who a donation credits."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import AnonymousUser

from gotong.donations.services import donation_create
from gotong.referrals import services
from gotong.referrals.models import ReferralCode
from gotong.referrals.selectors import referral_code_of, referral_user_get
from tests.factories import CampaignFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_a_person_gets_one_random_code_and_keeps_it():
    person = UserFactory(email="siti.rahma@contoh.id", display_name="Siti")
    assert referral_code_of(user=person) is None
    code = services.referral_code_get_or_create(user=person)
    assert re.fullmatch(r"[a-z2-9]{8}", code.code)
    assert "siti" not in code.code
    assert str(person.pk) != code.code
    assert services.referral_code_get_or_create(user=person) == code
    assert referral_code_of(user=person) == code.code
    assert ReferralCode.objects.count() == 1
    other = services.referral_code_get_or_create(user=UserFactory())
    assert other.code != code.code


def test_a_taken_code_is_retried(monkeypatch):
    taken = services.referral_code_get_or_create(user=UserFactory()).code
    codes = iter([taken, "bbbbbbbb"])
    monkeypatch.setattr(services, "referral_code_generate", lambda: next(codes))
    assert services.referral_code_get_or_create(user=UserFactory()).code == "bbbbbbbb"


def test_only_signed_in_people_get_a_code():
    with pytest.raises(ValueError, match="signed-in"):
        services.referral_code_get_or_create(user=AnonymousUser())  # type: ignore[arg-type]


@pytest.mark.parametrize("code", ["", "  ", "x" * 17, "abc", "ABC DEF", "../admin", "bbbbbbbb"])
def test_unknown_or_malformed_codes_name_nobody(code):
    services.referral_code_get_or_create(user=UserFactory())
    assert referral_user_get(code=code) is None


def test_codes_are_case_insensitive_and_inactive_people_name_nobody():
    person = UserFactory()
    code = services.referral_code_get_or_create(user=person).code
    assert referral_user_get(code=f" {code.upper()} ") == person
    person.is_active = False
    person.save()
    assert referral_user_get(code=code) is None


def test_a_donation_records_its_referrer():
    fundraiser = UserFactory()
    donation = donation_create(
        campaign=CampaignFactory(), amount=50_000, name="Budi", referrer=fundraiser
    )
    assert donation.referrer == fundraiser


def test_the_campaign_owner_s_own_link_counts():
    campaign = CampaignFactory()
    donation = donation_create(
        campaign=campaign, amount=50_000, name="Budi", referrer=campaign.owner
    )
    assert donation.referrer == campaign.owner


def test_referring_oneself_does_not_count():
    fundraiser = UserFactory(email="tono@contoh.id")
    campaign = CampaignFactory()
    signed_in = donation_create(
        campaign=campaign, amount=50_000, name="Tono", donor=fundraiser, referrer=fundraiser
    )
    by_email = donation_create(
        campaign=campaign, amount=50_000, name="Tono", email="TONO@contoh.id", referrer=fundraiser
    )
    assert signed_in.referrer is None
    assert by_email.referrer is None


def test_deleting_the_referrer_keeps_the_donation():
    fundraiser = UserFactory()
    donation = donation_create(
        campaign=CampaignFactory(), amount=50_000, name="Budi", referrer=fundraiser
    )
    fundraiser.delete()
    donation.refresh_from_db()
    assert donation.referrer is None
