"""The receipt email: sent after a settlement commits, through the task queue, once per
donation, to donors who gave an address."""

from __future__ import annotations

import smtplib
from datetime import timedelta

import pytest
from django.core import mail
from django.core.mail import EmailMultiAlternatives
from django.core.management import call_command
from django.utils import timezone

from gotong.donations.models import Donation
from gotong.notifications.models import ReceiptDelivery, Unsubscription
from gotong.notifications.services import receipt_email_send, unsubscription_create
from gotong.notifications.tasks import send_receipt_email
from gotong.payments import services as payment_services
from gotong.payments.models import NotificationSource
from gotong.payments.signals import donation_settled
from tests import midtrans
from tests.factories import DonationFactory

URL = "/payments/midtrans/notification"


def notify(client, donation: Donation, status: str = "settlement"):
    payload = midtrans.notification(donation.order_id, donation.amount, status)
    return client.post(URL, data=midtrans.body(payload), content_type="application/json")


@pytest.mark.django_db(transaction=True)
def test_settlement_through_the_notification_endpoint_emails_the_receipt_once(client, settings):
    settings.PUBLIC_BASE_URL = "https://gotong.example"
    donation = DonationFactory(
        amount=1_250_000, email="budi@contoh.id", campaign__title="Jembatan Desa & Sekolah"
    )
    assert notify(client, donation).json()["outcome"] == "applied"

    [message] = mail.outbox
    assert message.to == ["budi@contoh.id"]
    assert message.subject == "Terima kasih! E-kuitansi donasi Anda untuk “Jembatan Desa & Sekolah”"
    receipt = f"https://gotong.example/kuitansi/{donation.order_id}/"
    pdf = f"https://gotong.example/kuitansi/{donation.order_id}.pdf"
    campaign_url = f"https://gotong.example/kampanye/{donation.campaign.slug}/"
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    for text in (message.body, html):
        assert "Halo Budi" in text
        assert "Rp 1.250.000" in text
        assert "Satu juta dua ratus lima puluh ribu rupiah" in text
        assert donation.order_id in text
        assert receipt in text
        assert pdf in text
        assert campaign_url in text
    assert "Jembatan Desa & Sekolah" in message.body  # plain text: not HTML-escaped
    assert "Jembatan Desa &amp; Sekolah" in html
    unsubscribe = message.extra_headers["List-Unsubscribe"]
    assert unsubscribe.startswith("<https://gotong.example/berhenti-langganan/")
    assert unsubscribe[1:-1] in message.body
    assert unsubscribe[1:-1] in html
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert client.get(f"/kuitansi/{donation.order_id}/").status_code == 200
    assert client.get(f"/kuitansi/{donation.order_id}.pdf").status_code == 200

    # Midtrans delivers the notification again, the status API reports it, the task reruns.
    assert notify(client, donation).json()["outcome"] == "duplicate"
    payment_services.payment_report_apply(
        raw_body=midtrans.body(midtrans.notification(donation.order_id, donation.amount)),
        source=NotificationSource.STATUS_API,
    )
    send_receipt_email.enqueue(donation_id=donation.pk)
    assert receipt_email_send(donation_id=donation.pk) is False
    assert len(mail.outbox) == 1
    delivery = ReceiptDelivery.objects.get()
    assert (delivery.donation_id, delivery.email) == (donation.pk, "budi@contoh.id")
    assert delivery.sent_at is not None


@pytest.mark.django_db(transaction=True)
def test_a_late_settlement_after_expiry_gets_its_receipt(client):
    donation = DonationFactory()
    assert notify(client, donation, "expire").json()["outcome"] == "applied"
    assert mail.outbox == []
    assert notify(client, donation, "settlement").json()["outcome"] == "applied"
    assert [m.to for m in mail.outbox] == [["budi@contoh.id"]]


@pytest.mark.django_db(transaction=True)
def test_no_email_when_the_settlement_rolls_back(monkeypatch):
    donation = DonationFactory()

    def broken_record(**kwargs):
        raise RuntimeError("the notification row could not be written")

    monkeypatch.setattr(payment_services, "_notification_record", broken_record)
    with pytest.raises(RuntimeError):
        payment_services.payment_report_apply(
            raw_body=midtrans.body(midtrans.notification(donation.order_id, donation.amount)),
            source=NotificationSource.HTTP,
        )
    donation.refresh_from_db()
    assert donation.status == "pending"
    assert mail.outbox == []
    assert not ReceiptDelivery.objects.exists()


@pytest.mark.django_db
def test_the_email_waits_for_the_commit(client, django_capture_on_commit_callbacks):
    donation = DonationFactory()
    with django_capture_on_commit_callbacks() as callbacks:
        assert notify(client, donation).json()["outcome"] == "applied"
    assert mail.outbox == []  # settled, but not committed yet
    assert len(callbacks) == 2  # the receipt email, and the log's seal (transparency.tasks)
    for callback in callbacks:
        callback()
    assert [m.to for m in mail.outbox] == [["budi@contoh.id"]]


@pytest.mark.django_db
def test_no_email_when_the_donor_gave_no_address(client, django_capture_on_commit_callbacks):
    donation = DonationFactory(email="")
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        assert notify(client, donation).json()["outcome"] == "applied"
    assert [callback.func for callback in callbacks] == [donation_settled.send]  # the seal only
    assert receipt_email_send(donation_id=donation.pk) is False
    assert mail.outbox == []
    assert not ReceiptDelivery.objects.exists()


@pytest.mark.django_db
def test_no_receipt_for_a_donation_that_is_not_settled():
    assert receipt_email_send(donation_id=DonationFactory().pk) is False
    assert mail.outbox == []


@pytest.mark.django_db
def test_the_receipt_is_sent_even_after_unsubscribing_from_the_campaign(
    client, django_capture_on_commit_callbacks
):
    """A receipt records a payment; unsubscribing stops the campaign's news (decision 0011)."""
    donation = DonationFactory()
    unsubscription_create(email="budi@contoh.id", campaign=donation.campaign)
    with django_capture_on_commit_callbacks(execute=True):
        notify(client, donation)
    assert [m.to for m in mail.outbox] == [["budi@contoh.id"]]


@pytest.mark.django_db
def test_a_receipt_another_run_is_sending_is_not_sent_again():
    donation = DonationFactory()
    payment_services.payment_report_apply(
        raw_body=midtrans.body(midtrans.notification(donation.order_id, donation.amount)),
        source=NotificationSource.HTTP,
    )  # non-transactional test: the commit hook never fires, the task is run by hand below
    claim = ReceiptDelivery.objects.create(
        donation=donation, email=donation.email, claimed_at=timezone.now()
    )
    assert receipt_email_send(donation_id=donation.pk) is False
    assert mail.outbox == []
    # The other run died mid-send: once its claim is stale, a rerun sends.
    ReceiptDelivery.objects.filter(pk=claim.pk).update(
        claimed_at=timezone.now() - timedelta(hours=1)
    )
    assert receipt_email_send(donation_id=donation.pk) is True
    assert receipt_email_send(donation_id=donation.pk) is False
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_a_failed_send_releases_the_claim_so_a_rerun_sends(monkeypatch):
    donation = DonationFactory()
    payment_services.payment_report_apply(
        raw_body=midtrans.body(midtrans.notification(donation.order_id, donation.amount)),
        source=NotificationSource.HTTP,
    )

    def smtp_down(self, fail_silently=False):
        raise smtplib.SMTPServerDisconnected("connection unexpectedly closed")

    with monkeypatch.context() as patch:
        patch.setattr(EmailMultiAlternatives, "send", smtp_down)
        with pytest.raises(smtplib.SMTPServerDisconnected):
            receipt_email_send(donation_id=donation.pk)
    delivery = ReceiptDelivery.objects.get()
    assert (delivery.claimed_at, delivery.sent_at) == (None, None)
    assert receipt_email_send(donation_id=donation.pk) is True
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_seeding_the_demo_settles_many_donations_without_mail(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("seed_demo")
    assert Donation.objects.filter(status="settled").count() > 20
    # Demo donors give no address: no receipt. The only mail is about the demo's in-kind
    # pledges, to the demo's own accounts.
    assert {m.to[0] for m in mail.outbox} <= {
        "penggalang@gotong.local",
        "warga@gotong.local",
        "relawan@gotong.local",
    }
    assert not ReceiptDelivery.objects.exists()
    assert not Unsubscription.objects.exists()
