"""Midtrans donations paid by virtual account were stored as `bank_transfer`, without their
bank, and convenience-store ones as `cstore`: take the bank or store from the last status
message applied to each (PaymentNotification keeps them raw), so receipts can name the method
("BCA Virtual Account"). Donations without such a message keep their code."""

import json

from django.db import migrations

from gotong.payments.gateways.midtrans.methods import method_code


def codes_forward(apps, schema_editor):
    Donation = apps.get_model("donations", "Donation")
    PaymentNotification = apps.get_model("payments", "PaymentNotification")
    vague = Donation.objects.filter(gateway="midtrans", payment_type__in=["bank_transfer", "cstore"])
    for donation in vague.iterator():
        bodies = PaymentNotification.objects.filter(
            gateway="midtrans", order_id=donation.order_id, outcome="applied"
        ).order_by("-id").values_list("raw_body", flat=True)
        for body in bodies:
            try:
                payload = json.loads(body)
            except ValueError:
                continue
            if isinstance(payload, dict) and payload.get("payment_type") == donation.payment_type:
                code = method_code(payload)
                if code != donation.payment_type:
                    Donation.objects.filter(pk=donation.pk).update(payment_type=code)
                break


class Migration(migrations.Migration):
    dependencies = [
        ("payments", "0003_money_state_machine"),
        ("donations", "0006_money_state_machine"),
    ]

    operations = [migrations.RunPython(codes_forward, migrations.RunPython.noop)]
