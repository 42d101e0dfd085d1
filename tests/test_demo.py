from __future__ import annotations

import pytest
from django.core.management import call_command

from gotong.campaigns.models import Campaign, CampaignStatus, Category
from gotong.donations.books import ledger_verify
from gotong.donations.models import Donation

pytestmark = pytest.mark.django_db


def test_seed_demo_is_idempotent_and_goes_through_the_ledger(capsys):
    call_command("seed_demo")
    out = capsys.readouterr().out
    assert "penggalang@gotong.local" in out
    assert "staf@gotong.local" in out
    published = Campaign.objects.filter(status=CampaignStatus.PUBLISHED)
    assert published.count() >= 12
    assert set(published.values_list("category", flat=True)) == set(Category.values)
    settled = Donation.objects.filter(status="settled").count()
    assert settled > 0
    assert ledger_verify().ok

    call_command("seed_demo")
    assert Campaign.objects.count() == published.count()
    assert Donation.objects.filter(status="settled").count() == settled


def test_demo_accounts_can_sign_in(client):
    call_command("seed_demo")
    response = client.post(
        "/akun/login/", {"login": "penggalang@gotong.local", "password": "gotong-demo-2026"}
    )
    assert response.status_code == 302
    assert client.get("/dasbor/").status_code == 200


def test_demo_staff_account_can_review_campaigns(client):
    """Review is the moderator role's; the demo staff account is an admin, holding every role."""
    call_command("seed_demo")
    response = client.post(
        "/akun/login/", {"login": "staf@gotong.local", "password": "gotong-staf-2026"}
    )
    assert response.status_code == 302
    assert client.get("/staf/tinjauan/").status_code == 200


def test_scheduler_enqueues_the_periodic_tasks(capsys):
    call_command("scheduler", "--once")
    assert "reconcile_pending_donations" in capsys.readouterr().out
