from __future__ import annotations

import pytest

from tests.factories import CampaignFactory, DonationFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "model",
    [
        "campaigns/campaign",
        "donations/donation",
        "payments/paymentnotification",
        "ledger/journalentry",
        "ledger/ledgeraccount",
        "audit/auditentry",
        "accounts/user",
    ],
)
def test_admin_lists_open_for_superusers(client, model):
    DonationFactory()
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    assert client.get(f"/admin/{model}/").status_code == 200


def test_money_records_cannot_be_edited_in_the_admin(client):
    campaign = CampaignFactory(collected=0)
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    client.post(f"/admin/campaigns/campaign/{campaign.pk}/change/", {"collected": "999999"})
    campaign.refresh_from_db()
    assert campaign.collected == 0
    assert client.get("/admin/campaigns/campaign/add/").status_code == 403
