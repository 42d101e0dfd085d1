"""Donations paid by virtual account before the bank was stored get it from their last applied
status message (migration payments 0004)."""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps

from gotong.donations.models import Donation
from gotong.payments.gateways import payment_method_name
from tests import midtrans
from tests.factories import DonationFactory

pytestmark = pytest.mark.django_db

migration = importlib.import_module("gotong.payments.migrations.0004_rcpt_payment_method_codes")


def test_old_virtual_account_codes_get_their_bank_from_the_notification(client):
    paid = DonationFactory()
    payload = midtrans.notification(paid.order_id, paid.amount, payment_type="bank_transfer")
    payload["va_numbers"] = [{"bank": "bri", "va_number": "123"}]
    client.post(
        "/payments/midtrans/notification",
        data=midtrans.body(payload),
        content_type="application/json",
    )
    unknown = DonationFactory()
    # As stored before: the bare payment_type.
    Donation.objects.filter(pk__in=[paid.pk, unknown.pk]).update(payment_type="bank_transfer")

    migration.codes_forward(apps, None)

    paid.refresh_from_db()
    unknown.refresh_from_db()
    assert (paid.payment_type, payment_method_name(paid)) == ("bri_va", "BRI Virtual Account")
    assert (unknown.payment_type, payment_method_name(unknown)) == (
        "bank_transfer",
        "Virtual Account",
    )
