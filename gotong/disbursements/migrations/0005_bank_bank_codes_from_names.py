"""Each disbursement's typed bank name becomes its kode bank where it names a listed bank
("bank bca", "PT Bank Mandiri (Persero) Tbk"); a name that matches none stays as it was typed,
and is what staff pages show for it."""

from django.db import migrations

from gotong.disbursements.banks import bank_code_for, bank_name


def codes_from_names(apps, schema_editor):
    Disbursement = apps.get_model("disbursements", "Disbursement")
    for d in Disbursement.objects.filter(bank_code="").exclude(bank_typed="").only("bank_typed"):
        code = bank_code_for(d.bank_typed)
        if code is not None:
            Disbursement.objects.filter(pk=d.pk).update(bank_code=code, bank_typed="")


def names_from_codes(apps, schema_editor):
    Disbursement = apps.get_model("disbursements", "Disbursement")
    for d in Disbursement.objects.exclude(bank_code="").only("bank_code", "bank_typed"):
        typed = d.bank_typed or bank_name(d.bank_code) or d.bank_code
        Disbursement.objects.filter(pk=d.pk).update(bank_typed=typed, bank_code="")


class Migration(migrations.Migration):
    dependencies = [
        ("disbursements", "0004_bank_bank_code"),
    ]

    operations = [migrations.RunPython(codes_from_names, names_from_codes)]
