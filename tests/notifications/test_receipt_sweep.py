"""The scheduler's sweep sends the receipts whose own task never did (lost after commit, or
refused by the mail server), once, and leaves recent and old settlements alone."""

from __future__ import annotations

import smtplib
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from gotong.donations.models import Donation
from gotong.notifications.models import ReceiptDelivery
from gotong.notifications.services import receipt_emails_sweep
from gotong.notifications.tasks import sweep_receipt_emails
from tests.factories import DonationFactory
from tests.transparency.helpers import settle

pytestmark = pytest.mark.django_db


def settled(minutes_ago: float, **kwargs) -> Donation:
    """A settlement whose after-commit task never ran (the test's transaction never commits,
    so on_commit callbacks are dropped: exactly a lost task)."""
    donation = DonationFactory(**kwargs)
    settle(donation)
    Donation.objects.filter(pk=donation.pk).update(
        settled_at=timezone.now() - timedelta(minutes=minutes_ago)
    )
    return donation


def test_a_lost_receipt_is_sent_by_the_sweep_once():
    donation = settled(30, email="sari@contoh.id")
    assert mail.outbox == []
    assert receipt_emails_sweep() == 1
    [message] = mail.outbox
    assert message.to == ["sari@contoh.id"]
    assert donation.order_id in message.body
    assert receipt_emails_sweep() == 0
    assert sweep_receipt_emails.call() == 0
    assert len(mail.outbox) == 1


def test_the_sweep_leaves_recent_old_unaddressed_and_unsettled_donations_alone():
    settled(1, email="baru@contoh.id")  # its own task still has time
    settled(60 * 24 * 8, email="lama@contoh.id")  # beyond the window
    settled(30, email="")
    DonationFactory(email="belum@contoh.id")  # pending
    assert receipt_emails_sweep() == 0
    assert mail.outbox == []


def test_a_refused_send_is_retried_by_the_next_sweep(monkeypatch):
    donation = settled(30, email="tono@contoh.id")

    def refuse(*args, **kwargs):
        raise smtplib.SMTPServerDisconnected("mail server went away")

    monkeypatch.setattr("django.core.mail.EmailMessage.send", refuse)
    assert receipt_emails_sweep() == 0  # logged, not raised
    assert ReceiptDelivery.objects.get(donation=donation).sent_at is None
    monkeypatch.undo()
    assert receipt_emails_sweep() == 1
    assert len(mail.outbox) == 1


def test_the_scheduler_runs_the_sweep(capsys):
    call_command("scheduler", "--once")
    assert sweep_receipt_emails.name in capsys.readouterr().out
