"""Donasi saya: a signed-in donor sees their own donations and nobody else's; a guest gets
theirs by a signed, expiring link emailed only to that address; the form answers the same
whether or not the address ever donated."""

from __future__ import annotations

import re
import time

import pytest
from allauth.account.models import EmailAddress
from django.core import mail, signing
from django.core.cache import cache

from gotong.history.models import HistoryLinkDelivery
from gotong.history.tokens import MAX_AGE, history_token_make
from gotong.notifications.tokens import unsubscribe_token_make
from tests.factories import CampaignFactory, DonationFactory, UserFactory
from tests.transparency.helpers import settle

pytestmark = pytest.mark.django_db

SUBJECT = "Tautan ke daftar donasi Anda di Gotong"
SENT = "Jika ada donasi dengan email tersebut, kami sudah mengirim tautan"


def history_emails() -> list[mail.EmailMessage]:
    return [message for message in mail.outbox if message.subject == SUBJECT]


def link_in(message: mail.EmailMessage) -> str:
    """The path of the link in the email."""
    found = re.search(r"https?://[^/\s]+(/donasi-saya/\S+/)", message.body)
    assert found is not None
    return found.group(1)


def test_a_signed_in_donor_sees_their_own_and_their_verified_address_donations_only(client):
    ani, budi = UserFactory(email="ani@contoh.id"), UserFactory(email="budi@contoh.id")
    EmailAddress.objects.create(user=ani, email="ani@contoh.id", verified=True, primary=True)
    EmailAddress.objects.create(user=ani, email="ani.lain@contoh.id", verified=False)
    signed_in = DonationFactory(donor=ani, email="", order_id="GTG-ANI-1", amount=75_000)
    settle(signed_in)
    as_guest = DonationFactory(email="Ani@Contoh.ID", order_id="GTG-ANI-2")
    unverified = DonationFactory(email="ani.lain@contoh.id", order_id="GTG-NOTANI-1")
    of_budi = DonationFactory(donor=budi, email="budi@contoh.id", order_id="GTG-BUDI-1")

    client.force_login(ani)
    page = client.get("/donasi-saya/")
    html = page.content.decode()
    assert page.status_code == 200
    assert page["X-Robots-Tag"] == "noindex"
    assert "no-cache" in page["Cache-Control"] or "max-age=0" in page["Cache-Control"]
    assert html.count('data-testid="donation-row"') == 2
    assert html.index(as_guest.order_id) < html.index(signed_in.order_id)  # newest first
    assert "Rp 75.000" in html
    assert signed_in.campaign.title in html
    assert f"/kuitansi/{signed_in.order_id}/" in html
    assert f"/donasi/{as_guest.order_id}/" in html  # pending: its payment status
    assert unverified.order_id not in html
    assert of_budi.order_id not in html

    client.force_login(budi)
    html = client.get("/donasi-saya/").content.decode()
    assert of_budi.order_id in html
    assert signed_in.order_id not in html
    assert as_guest.order_id not in html


def test_a_guest_sees_only_the_form(client):
    DonationFactory(email="budi@contoh.id", order_id="GTG-BUDI-1")
    html = client.get("/donasi-saya/").content.decode()
    assert 'data-testid="history-link-form"' in html
    assert "GTG-BUDI-1" not in html
    assert 'data-testid="donation-row"' not in html


@pytest.mark.django_db(transaction=True)
def test_the_emailed_link_opens_that_address_donations_and_no_others(client):
    mine = DonationFactory(email="Budi@Contoh.id", order_id="GTG-BUDI-1", amount=120_000)
    settle(mine)
    DonationFactory(email="budi@contoh.id", order_id="GTG-BUDI-2")
    other = DonationFactory(email="ani@contoh.id", order_id="GTG-ANI-1")

    response = client.post("/donasi-saya/", {"email": " BUDI@contoh.id "}, follow=True)
    assert SENT in response.content.decode()
    [message] = history_emails()
    assert message.to == ["budi@contoh.id"]
    assert "24 jam" in message.body
    assert link_in(message) in message.alternatives[0][0]

    page = client.get(link_in(message))
    html = page.content.decode()
    assert page.status_code == 200
    assert page["Referrer-Policy"] == "same-origin"
    assert html.count('data-testid="donation-row"') == 2
    assert f"/kuitansi/{mine.order_id}/" in html
    assert "Rp 120.000" in html
    assert other.order_id not in html


@pytest.mark.django_db(transaction=True)
def test_the_answer_is_the_same_whether_or_not_the_address_donated(client):
    DonationFactory(email="budi@contoh.id")
    answers = []
    for email in ("budi@contoh.id", "tidak.pernah@contoh.id"):
        response = client.post("/donasi-saya/", {"email": email})
        assert (response.status_code, response["Location"]) == (302, "/donasi-saya/")
        page = client.get(response["Location"]).content.decode()
        [message] = re.findall(r'<p class="msg msg-success" role="status">(.*?)</p>', page)
        answers.append(message)
    assert answers[0] == answers[1]
    assert SENT in answers[0]
    assert [m.to for m in history_emails()] == [["budi@contoh.id"]]
    # Nothing is kept about an address that never donated.
    assert list(HistoryLinkDelivery.objects.values_list("email", flat=True)) == ["budi@contoh.id"]


@pytest.mark.django_db(transaction=True)
def test_one_email_per_address_per_ten_minutes(client, time_machine):
    DonationFactory(email="budi@contoh.id")
    time_machine.move_to("2026-05-01 10:00:00+07:00", tick=False)
    for _ in range(3):
        client.post("/donasi-saya/", {"email": "budi@contoh.id"})
    assert len(history_emails()) == 1

    # Another process (no shared cache) asking in the same window: the claim row holds.
    cache.clear()
    client.post("/donasi-saya/", {"email": "budi@contoh.id"})
    assert len(history_emails()) == 1

    time_machine.move_to("2026-05-01 10:11:00+07:00", tick=False)
    cache.clear()
    client.post("/donasi-saya/", {"email": "budi@contoh.id"})
    assert len(history_emails()) == 2


def test_a_bad_email_is_a_clear_message(client):
    response = client.post("/donasi-saya/", {"email": "bukan-email"})
    assert response.status_code == 400
    assert "Alamat email tidak sah." in response.content.decode()


def test_an_expired_link_says_so_and_shows_nothing(client, monkeypatch):
    DonationFactory(email="budi@contoh.id", order_id="GTG-BUDI-1")
    issued = time.time() - MAX_AGE.total_seconds() - 60
    with monkeypatch.context() as patch:
        patch.setattr("django.core.signing.time.time", lambda: issued)
        token = history_token_make(email="budi@contoh.id")
    response = client.get(f"/donasi-saya/{token}/")
    html = response.content.decode()
    assert response.status_code == 400
    assert "sudah kedaluwarsa" in html
    assert "GTG-BUDI-1" not in html
    assert 'data-testid="history-link-form"' in html


# Made in the test, not at collection: signed tokens carry the time, and xdist's workers must
# collect the same test ids.
TOKENS = {
    "garbage": lambda: "bukan-token",
    "other-salt": lambda: signing.dumps({"e": "budi@contoh.id"}, salt="another.salt"),
    "unsubscribe": lambda: unsubscribe_token_make(email="budi@contoh.id", campaign_id=1),
}


@pytest.mark.parametrize("kind", TOKENS)
def test_a_forged_or_foreign_link_is_refused(client, kind):
    token = TOKENS[kind]()
    DonationFactory(email="budi@contoh.id", order_id="GTG-BUDI-1")
    response = client.get(f"/donasi-saya/{token}/")
    html = response.content.decode()
    assert response.status_code == 400
    assert "tidak sah atau terpotong" in html
    assert "GTG-BUDI-1" not in html


def test_a_tampered_link_is_refused(client):
    DonationFactory(email="ani@contoh.id", order_id="GTG-ANI-1")
    ani = history_token_make(email="ani@contoh.id").split(":")
    budi = history_token_make(email="budi@contoh.id").split(":")
    # Ani's address under the signature of Budi's link, and Budi's link with a byte changed.
    for forged in (":".join([ani[0], *budi[1:]]), ":".join([budi[0] + "x", *budi[1:]])):
        response = client.get(f"/donasi-saya/{forged}/")
        assert response.status_code == 400
        assert "GTG-ANI-1" not in response.content.decode()


def test_the_english_page_is_there(client):
    response = client.get("/en/donasi-saya/")
    assert response.status_code == 200
    assert 'action="/en/donasi-saya/"' in response.content.decode()


def test_campaign_links_only_for_public_campaigns(client):
    user = UserFactory()
    draft = CampaignFactory(status="draft", title="Kampanye draf rahasia")
    DonationFactory(donor=user, campaign=draft)
    client.force_login(user)
    html = client.get("/donasi-saya/").content.decode()
    assert "Kampanye draf rahasia" in html
    assert f'href="/kampanye/{draft.slug}/"' not in html
