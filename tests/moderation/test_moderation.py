"""Laporkan and moderation: reports, dismiss / request info, suspend, close and refund every
donation through the gateway's refund API (the sandbox), with reversing ledger entries."""

from __future__ import annotations

import pytest
import requests
from django.core.exceptions import PermissionDenied, ValidationError

from gotong.audit.models import AuditEntry
from gotong.campaigns.models import Campaign
from gotong.donations.books import ledger_verify
from gotong.donations.models import Donation
from gotong.ledger.models import JournalEntry, LedgerAccount
from gotong.moderation import services
from gotong.moderation.models import AbuseReport
from gotong.payments.sandbox.models import SandboxTransaction
from gotong.payments.services import payment_start
from tests.factories import CampaignFactory, DonationFactory, UserFactory, staff_with_role


def moderator(**kwargs):
    return staff_with_role("moderator", **kwargs)


@pytest.mark.django_db
def test_anyone_can_report_and_bad_reports_are_explained(client):
    campaign = CampaignFactory()
    url = f"/kampanye/{campaign.slug}/laporkan/"
    response = client.post(url, {"reason": "fraud", "text": "pendek"})
    assert "10 sampai 2.000 karakter" in response.content.decode()
    response = client.post(
        url, {"reason": "fraud", "text": "Foto pasien diambil dari berita lain."}
    )
    assert response.status_code == 302
    report = AbuseReport.objects.get()
    assert (report.reason, report.reporter) == ("fraud", None)


@pytest.mark.django_db
def test_only_moderators_act_and_every_action_needs_a_reason(client):
    campaign = CampaignFactory()
    report = services.report_create(
        campaign=campaign, reason="misleading", text="Tidak sesuai fakta", reporter=None
    )
    for actor in (UserFactory(), UserFactory(is_staff=True), campaign.owner):
        with pytest.raises(PermissionDenied):
            services.campaign_suspend(campaign=campaign, actor=actor, reason="x")
        client.force_login(actor)
        assert client.get("/staf/laporan/").status_code == 403
    with pytest.raises(ValidationError):
        services.report_resolve(report=report, actor=moderator(), action="dismiss", reason="")
    services.report_resolve(
        report=report,
        actor=moderator(),
        action="request_info",
        reason="Minta bukti",
    )
    report.refresh_from_db()
    assert report.status == "info_requested"
    assert AuditEntry.objects.get().action == "report.request_info"


@pytest.mark.django_db
def test_suspended_campaign_takes_no_donations_and_says_why(client):
    campaign = CampaignFactory()
    services.report_create(
        campaign=campaign, reason="fraud", text="Foto pasien dari berita lain", reporter=None
    )
    services.campaign_suspend(
        campaign=campaign,
        actor=moderator(),
        reason="Dokumen medis sedang diperiksa",
    )
    campaign.refresh_from_db()
    assert campaign.status == "suspended"
    assert AbuseReport.objects.get().status == "actioned"
    page = client.get(campaign.get_absolute_url()).content.decode()
    assert "Dokumen medis sedang diperiksa" in page
    assert 'data-testid="donate-button"' not in page
    response = client.post(f"/kampanye/{campaign.slug}/donasi/", {"amount": "50000", "name": "A"})
    assert "tidak sedang menerima donasi" in response.content.decode()
    assert not Donation.objects.exists()
    assert "Kampanye dihentikan sementara" in page  # the action is summarised publicly
    assert "campaign.suspend" not in page  # in words, not as the audit code


@pytest.mark.django_db(transaction=True)
def test_close_and_refund_returns_every_donation_and_keeps_the_ledger_exact(live_gateway, client):
    campaign = CampaignFactory(category="kemanusiaan")
    donations = [DonationFactory(campaign=campaign, amount=a) for a in (50_000, 125_000, 10_000)]
    for donation in donations:
        payment_start(donation=donation)
        simulated = requests.post(
            f"{live_gateway.url}/sandbox/midtrans/simulate/{donation.order_id}",
            json={"payment_type": "qris", "transaction_status": "settlement"},
            timeout=30,
        )
        assert simulated.status_code == 200
    campaign.refresh_from_db()
    assert (campaign.collected, campaign.fees) == (185_000, 9_250)

    services.campaign_close_and_refund(
        campaign=campaign, actor=moderator(), reason="Penipuan terbukti"
    )

    campaign.refresh_from_db()
    assert campaign.status == "closed"
    assert set(Donation.objects.values_list("status", flat=True)) == {"refunded"}
    assert (campaign.refunded, campaign.fees, campaign.available) == (185_000, 0, 0)
    assert LedgerAccount.objects.get(code=f"campaign:{campaign.pk}:funds").balance == 0
    assert LedgerAccount.objects.get(code=f"gateway:midtrans:clearing:{campaign.pk}").balance == 0
    assert LedgerAccount.objects.get(code=f"platform:fees:{campaign.pk}").balance == 0
    assert JournalEntry.objects.filter(kind="donation_refunded").count() == 3
    assert set(SandboxTransaction.objects.values_list("transaction_status", flat=True)) == {
        "refund"
    }
    report = ledger_verify()
    assert report.ok, report.problems
    page = client.get(campaign.get_absolute_url()).content.decode()
    assert "Penipuan terbukti" in page


@pytest.mark.django_db
def test_close_is_refused_once_money_was_paid_out():
    campaign = CampaignFactory(paid_out=1)
    with pytest.raises(ValidationError):
        services.campaign_close_and_refund(campaign=campaign, actor=moderator(), reason="x")
    assert Campaign.objects.get(pk=campaign.pk).status == "published"
