"""Kabar terbaru: posted by the owner, shown on the page, emailed once per donor address."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from gotong.donations.services import GatewayReport, donation_settle
from gotong.updates.models import UpdateDelivery
from gotong.updates.services import update_emails_send, update_post
from tests.factories import CampaignFactory, DonationFactory, UserFactory

BODY = "Alhamdulillah, operasi Aisyah berjalan lancar. Terima kasih untuk semua doanya."


def give(campaign, email, settled=True):
    donation = DonationFactory(campaign=campaign, email=email)
    if settled:
        donation_settle(donation=donation, report=GatewayReport(transaction_status="settlement"))


@pytest.mark.django_db(transaction=True)
def test_update_is_emailed_once_to_each_donor_after_commit(client):
    campaign = CampaignFactory()
    give(campaign, "a@contoh.id")
    give(campaign, "a@contoh.id")  # gave twice: one email
    give(campaign, "b@contoh.id")
    give(campaign, "")  # no address
    give(campaign, "belum@contoh.id", settled=False)  # never paid: no email
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
    client.force_login(campaign.owner)
    response = client.post(
        f"/galang-dana/{campaign.slug}/kabar/", {"title": "Dana sudah dipakai", "body": BODY}
    )
    assert response.status_code == 302
    assert [m.to for m in mail.outbox] == [["c@contoh.id"]]
