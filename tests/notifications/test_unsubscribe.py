"""Unsubscribe from one campaign's emails by the signed link in every donor email."""

from __future__ import annotations

import json
import time

import pytest
from django.core import mail, signing
from django.test import Client

from gotong.donations.transitions import DonationEvent
from gotong.notifications.models import Unsubscription
from gotong.notifications.tokens import MAX_AGE, SALT, unsubscribe_token_make
from gotong.payments.services import donation_event_apply
from gotong.updates.services import update_post
from tests.factories import CampaignFactory, DonationFactory

pytestmark = pytest.mark.django_db
ONE_CLICK = "List-Unsubscribe=One-Click"


def link(campaign, email: str = "budi@contoh.id") -> str:
    return f"/berhenti-langganan/{unsubscribe_token_make(email=email, campaign_id=campaign.pk)}/"


def test_get_asks_for_confirmation_and_changes_nothing(client):
    campaign = CampaignFactory(title="Sumur untuk Desa Oebelo")
    response = client.get(link(campaign, "Budi@Contoh.id"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Sumur untuk Desa Oebelo" in page
    assert "budi@contoh.id" in page
    assert 'method="post"' in page
    assert "Ya, berhenti berlangganan" in page
    assert response["Referrer-Policy"] == "no-referrer"
    assert "no-store" in response["Cache-Control"]
    assert not Unsubscription.objects.exists()


def test_post_unsubscribes_that_campaign_once(client):
    campaign, other = CampaignFactory(), CampaignFactory()
    for _ in range(2):
        response = client.post(link(campaign))
        assert response.status_code == 200
        assert "sudah berhenti berlangganan" in response.content.decode()
    assert list(Unsubscription.objects.values_list("email", "campaign_id")) == [
        ("budi@contoh.id", campaign.pk)
    ]
    assert not Unsubscription.objects.filter(campaign=other).exists()


def test_one_click_post_works_without_a_csrf_token():
    """RFC 8058: the mail provider POSTs `List-Unsubscribe=One-Click`, with no cookie or token."""
    campaign = CampaignFactory()
    strict = Client(enforce_csrf_checks=True)
    response = strict.post(
        link(campaign), data=ONE_CLICK, content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 200
    assert Unsubscription.objects.filter(campaign=campaign, email="budi@contoh.id").exists()


@pytest.mark.django_db(transaction=True)
def test_the_link_in_an_email_stops_the_next_update():
    campaign = CampaignFactory()
    body = "Pembangunan sumur sudah dimulai minggu ini, terima kasih semuanya."
    for email in ("budi@contoh.id", "sari@contoh.id"):
        donation_event_apply(
            donation=DonationFactory(campaign=campaign, email=email),
            event=DonationEvent.PAID,
        )
    mail.outbox.clear()  # the receipts
    update_post(campaign=campaign, actor=campaign.owner, title="Mulai", body=body)
    [budi] = [m for m in mail.outbox if m.to == ["budi@contoh.id"]]
    url = budi.extra_headers["List-Unsubscribe"][1:-1]
    strict = Client(enforce_csrf_checks=True)
    response = strict.post(url, data=ONE_CLICK, content_type="application/x-www-form-urlencoded")
    assert response.status_code == 200
    mail.outbox.clear()
    update_post(campaign=campaign, actor=campaign.owner, title="Selesai", body=body)
    assert [m.to for m in mail.outbox] == [["sari@contoh.id"]]


def _tampered(campaign, victim_campaign) -> str:
    """A real token with its payload swapped for another campaign, signature kept."""
    token = unsubscribe_token_make(email="budi@contoh.id", campaign_id=campaign.pk)
    _payload, timestamp, signature = token.split(":")
    forged = json.dumps({"e": "budi@contoh.id", "c": victim_campaign.pk}, separators=(",", ":"))
    return f"{signing.b64_encode(forged.encode()).decode()}:{timestamp}:{signature}"


@pytest.mark.parametrize(
    "make_token",
    [
        pytest.param(lambda c, v: _tampered(c, v), id="payload-swapped"),
        pytest.param(
            lambda c, v: unsubscribe_token_make(email="a@b.id", campaign_id=c.pk)[:-3],
            id="truncated",
        ),
        pytest.param(lambda c, v: "bukan-token", id="garbage"),
        pytest.param(lambda c, v: "a:b:c:😀", id="non-ascii"),
        pytest.param(
            lambda c, v: signing.dumps({"e": "a@b.id", "c": c.pk}, salt="lain"), id="other-salt"
        ),
        pytest.param(lambda c, v: signing.dumps(["a@b.id", c.pk], salt=SALT), id="bad-payload"),
        pytest.param(
            lambda c, v: signing.dumps({"e": "a@b.id", "c": str(c.pk)}, salt=SALT), id="bad-id"
        ),
    ],
)
@pytest.mark.parametrize("method", ["get", "post"])
def test_a_bad_token_gets_a_clear_400(client, make_token, method):
    campaign, victim = CampaignFactory(), CampaignFactory()
    response = getattr(client, method)(f"/berhenti-langganan/{make_token(campaign, victim)}/")
    assert response.status_code == 400
    assert "tidak sah atau terpotong" in response.content.decode()
    assert not Unsubscription.objects.exists()


def test_an_expired_token_says_so(client, monkeypatch):
    campaign = CampaignFactory()
    issued = time.time() - MAX_AGE.total_seconds() - 60
    with monkeypatch.context() as patch:
        patch.setattr("django.core.signing.time.time", lambda: issued)
        url = link(campaign)
    response = client.post(url)
    assert response.status_code == 400
    assert "kedaluwarsa" in response.content.decode()
    assert not Unsubscription.objects.exists()


def test_a_token_for_a_campaign_that_does_not_exist_is_404(client):
    token = unsubscribe_token_make(email="budi@contoh.id", campaign_id=987_654)
    response = client.post(f"/berhenti-langganan/{token}/")
    assert response.status_code == 404
    assert "Kampanye untuk tautan ini tidak ditemukan" in response.content.decode()


def test_other_methods_are_refused(client):
    assert client.put(link(CampaignFactory())).status_code == 405
    assert not Unsubscription.objects.exists()
