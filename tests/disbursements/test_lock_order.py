"""Marking a disbursement paid locks its row, then the ledger accounts, then the campaign: the
same order as settlement (donation, accounts, campaign), so the two never wait on each other
in a cycle. PostgreSQL only: SQLite locks the whole database instead of rows."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections, transaction
from django.db.utils import OperationalError

from gotong.campaigns.models import Campaign
from gotong.disbursements import services
from gotong.disbursements.models import DisbursementStatus
from tests.disbursements.test_disbursements import BANK, finance
from tests.factories import CampaignFactory, DonationFactory
from tests.transparency.helpers import settle

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks: PostgreSQL only"),
]


def test_locking_a_disbursement_leaves_the_campaign_row_free():
    campaign = CampaignFactory(category="medis")
    settle(DonationFactory(campaign=campaign, amount=1_000_000))
    disbursement = services.disbursement_request(
        campaign=campaign, actor=campaign.owner, amount=300_000, bank=BANK, purpose="Operasi"
    )
    services.disbursement_approve(disbursement=disbursement, actor=finance(), reason="Lengkap")
    outcome: list[str] = []

    def lock_campaign_elsewhere() -> None:
        try:
            with transaction.atomic():
                Campaign.objects.select_for_update(nowait=True).get(pk=campaign.pk)
            outcome.append("free")
        except OperationalError:
            outcome.append("locked")
        finally:
            connections.close_all()

    with transaction.atomic():
        services._locked(disbursement, DisbursementStatus.APPROVED)
        other = threading.Thread(target=lock_campaign_elsewhere)
        other.start()
        other.join(timeout=30)
    assert outcome == ["free"]
