"""Kabar terbaru: posted by the owner, shown on the page, emailed once per donor address."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from gotong.donations.transitions import DonationEvent
from gotong.notifications.services import unsubscription_create
from gotong.payments.services import donation_event_apply
from gotong.updates.models import CampaignUpdate, UpdateDelivery
from gotong.updates.services import update_emails_send, update_post
from tests.factories import CampaignFactory, DonationFactory, UserFactory

BODY = "Alhamdulillah, operasi Aisyah berjalan lancar. Terima kasih untuk semua doanya."


def give(campaign, email, settled=True):
    donation = DonationFactory(campaign=campaign, email=email)
    if settled:
        donation_event_apply(donation=donation, event=DonationEvent.PAID)


@pytest.mark.django_db(transaction=True)
def test_update_is_emailed_once_to_each_donor_after_commit(client):
    campaign = CampaignFactory()
    give(campaign, "a@contoh.id")
    give(campaign, "a@contoh.id")  # gave twice: one email
    give(campaign, "b@contoh.id")
    give(campaign, "")  # no address
    give(campaign, "belum@contoh.id", settled=False)  # never paid: no email
    mail.outbox.clear()  # the receipts (tests/notifications)
    update_post(campaign=campaign, actor=campaign.owner, title="Operasi berhasil", body=BODY)
    assert sorted(m.to[0] for m in mail.outbox) == ["a@contoh.id", "b@contoh.id"]
    assert "Operasi berhasil" in mail.outbox[0].body

    update = campaign.updates.get()
    assert update_emails_send(update_id=update.pk) == 0  # a second run sends nothing
    assert len(mail.outbox) == 2
    assert UpdateDelivery.objects.filter(sent_at__isnull=False).count() == 2
    page = client.get(campaign.get_absolute_url()).content.decode()
    assert "Operasi berhasil" in page
    assert "berjalan lancar" in page


@pytest.mark.django_db
def test_only_the_owner_posts_and_bad_input_is_explained(client):
    campaign = CampaignFactory()
    with pytest.raises(PermissionDenied):
        update_post(campaign=campaign, actor=UserFactory(), title="x", body=BODY)
    with pytest.raises(ValidationError):
        update_post(campaign=campaign, actor=campaign.owner, title="", body="pendek")
    client.force_login(UserFactory())
    assert client.get(f"/galang-dana/{campaign.slug}/kabar/").status_code == 404
    client.force_login(campaign.owner)
    response = client.post(f"/galang-dana/{campaign.slug}/kabar/", {"title": "Kabar", "body": "x"})
    assert "minimal 20 karakter" in response.content.decode()
    assert not campaign.updates.exists()


@pytest.mark.django_db(transaction=True)
def test_posting_through_the_page(client):
    campaign = CampaignFactory()
    give(campaign, "c@contoh.id")
    mail.outbox.clear()
    client.force_login(campaign.owner)
    response = client.post(
        f"/galang-dana/{campaign.slug}/kabar/", {"title": "Dana sudah dipakai", "body": BODY}
    )
    assert response.status_code == 302
    assert [m.to for m in mail.outbox] == [["c@contoh.id"]]


@pytest.mark.django_db(transaction=True)
def test_update_email_has_html_and_one_click_unsubscribe_for_its_campaign():
    campaign = CampaignFactory(title="Jembatan & sekolah")
    give(campaign, "d@contoh.id")
    mail.outbox.clear()
    update_post(campaign=campaign, actor=campaign.owner, title="Operasi <berhasil>", body=BODY)
    [message] = mail.outbox
    assert message.subject == "Kabar terbaru: Jembatan & sekolah"
    assert "Operasi <berhasil>" in message.body  # plain text is not HTML-escaped
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert "Operasi &lt;berhasil&gt;" in html
    assert "<p>Alhamdulillah" in html  # the update's sanitised Markdown
    unsubscribe = message.extra_headers["List-Unsubscribe"]
    assert unsubscribe.startswith("<http://127.0.0.1:8000/berhenti-langganan/")
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    link = unsubscribe[1:-1]
    assert link in message.body
    assert link in html
    assert campaign.public_url in message.body


@pytest.mark.django_db(transaction=True)
def test_update_skips_addresses_unsubscribed_from_that_campaign_only():
    campaign, other = CampaignFactory(), CampaignFactory()
    for email in ("tetap@contoh.id", "berhenti@contoh.id"):
        give(campaign, email)
        give(other, email)
    unsubscription_create(email="Berhenti@Contoh.id", campaign=campaign)
    mail.outbox.clear()
    update_post(campaign=campaign, actor=campaign.owner, title="Kabar", body=BODY)
    update_post(campaign=other, actor=other.owner, title="Kabar lain", body=BODY)
    assert sorted((m.to[0], m.subject) for m in mail.outbox) == [
        ("berhenti@contoh.id", f"Kabar terbaru: {other.title}"),
        ("tetap@contoh.id", f"Kabar terbaru: {campaign.title}"),
        ("tetap@contoh.id", f"Kabar terbaru: {other.title}"),
    ]


@pytest.mark.django_db
def test_unsubscribing_after_the_claim_rows_exist_still_stops_the_email():
    """A failed first run leaves unsent rows; a rerun after the donor unsubscribed skips them."""
    campaign = CampaignFactory()
    give(campaign, "e@contoh.id")
    give(campaign, "f@contoh.id")
    update = CampaignUpdate.objects.create(
        campaign=campaign, author=campaign.owner, title="Kabar", body=BODY, body_html=BODY
    )
    for email in ("e@contoh.id", "f@contoh.id"):
        UpdateDelivery.objects.create(update=update, email=email)
    unsubscription_create(email="e@contoh.id", campaign=campaign)
    assert update_emails_send(update_id=update.pk) == 1
    assert [m.to for m in mail.outbox] == [["f@contoh.id"]]


@pytest.mark.django_db
def test_an_address_another_run_is_sending_is_not_sent_again():
    campaign = CampaignFactory()
    give(campaign, "g@contoh.id")
    give(campaign, "h@contoh.id")
    update = CampaignUpdate.objects.create(
        campaign=campaign, author=campaign.owner, title="Kabar", body=BODY, body_html=BODY
    )
    now = timezone.now()
    UpdateDelivery.objects.create(update=update, email="g@contoh.id", claimed_at=now)
    UpdateDelivery.objects.create(
        update=update,
        email="h@contoh.id",
        claimed_at=now - timedelta(hours=1),  # abandoned
    )
    assert update_emails_send(update_id=update.pk) == 1
    assert [m.to for m in mail.outbox] == [["h@contoh.id"]]
