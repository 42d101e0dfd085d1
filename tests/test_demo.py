from __future__ import annotations

import pytest
from django.core.management import call_command
from django.urls import reverse

from gotong.accounts.models import User
from gotong.campaigns.models import Campaign, CampaignStatus, Category
from gotong.demo.services import STAFF_TOTP_SECRET
from gotong.donations.books import ledger_verify
from gotong.donations.models import Donation
from gotong.info.models import InfoLink, InfoPost, InfoReport
from gotong.inkind.models import Need, Offer, Pledge
from tests.factories import totp_code, totp_step_wait

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


def test_demo_staff_account_can_review_campaigns(client, capsys):
    """Review is the moderator role's; the demo staff account is an admin, holding every role.
    Like all staff it has an authenticator app (decision 30): seed_demo enrols the demo secret
    it prints, and `demo_totp` prints the code the sign-in asks for."""
    call_command("seed_demo")
    assert STAFF_TOTP_SECRET in capsys.readouterr().out
    response = client.post(
        "/akun/login/", {"login": "staf@gotong.local", "password": "gotong-staf-2026"}
    )
    assert response["Location"] == reverse("mfa_authenticate")
    totp_step_wait()
    call_command("demo_totp")
    code = capsys.readouterr().out.strip()
    assert code == totp_code(STAFF_TOTP_SECRET)  # the standard's code, computed independently
    assert client.post(reverse("mfa_authenticate"), {"code": code}).status_code == 302
    assert client.get("/staf/tinjauan/").status_code == 200
    call_command("seed_demo")  # enrolled once
    staff = User.objects.get(email="staf@gotong.local")
    assert staff.authenticator_set.count() == 1


def test_scheduler_enqueues_the_periodic_tasks(capsys):
    call_command("scheduler", "--once")
    assert "reconcile_pending_donations" in capsys.readouterr().out


def test_seed_demo_brings_needs_in_five_provinces_with_confirmed_deliveries():
    call_command("seed_demo")
    open_needs = Need.objects.filter(status="open")
    provinces = {code.split(".")[0] for code in open_needs.values_list("region_id", flat=True)}
    assert len(provinces) >= 5
    assert Pledge.objects.filter(status="confirmed").exists()
    assert Pledge.objects.filter(status="proposed").exists()
    assert Need.objects.filter(campaign__slug="sehat-bersama-rw04-tallo").exists()
    assert Offer.objects.count() == 2
    counts = (Need.objects.count(), Pledge.objects.count(), Offer.objects.count())
    call_command("seed_demo")
    assert (Need.objects.count(), Pledge.objects.count(), Offer.objects.count()) == counts


def test_seed_demo_has_help_information_in_every_status_with_histories():
    call_command("seed_demo")
    statuses = set(InfoPost.objects.values_list("status", flat=True))
    assert statuses == {
        "belum_diverifikasi",
        "dikonfirmasi_warga",
        "terverifikasi",
        "salah",
        "diperselisihkan",
        "kedaluwarsa",
    }
    expired = InfoPost.objects.get(status="kedaluwarsa")
    assert list(expired.history.values_list("event", "role")) == [
        ("publish", "penulis"),
        ("expire", "sistem"),
    ]
    assert InfoLink.objects.filter(post__title="Tes usap gratis di Puskesmas Tallo").count() == 2
    assert InfoReport.objects.filter(status="open").count() == 1
    corrected = InfoPost.objects.get(title="Lowongan relawan antar makanan lansia")
    assert corrected.revision == 2
    assert corrected.history.filter(outcome="applied").count() == 4
    count = InfoPost.objects.count()
    call_command("seed_demo")
    assert InfoPost.objects.count() == count
    assert (InfoLink.objects.count(), InfoReport.objects.count()) == (2, 1)
