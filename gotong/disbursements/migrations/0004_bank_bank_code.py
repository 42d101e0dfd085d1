from django.db import migrations, models


class Migration(migrations.Migration):
    """The bank of a disbursement becomes a kode bank; what was typed before is kept."""

    dependencies = [
        ("disbursements", "0003_usage_reports"),
    ]

    operations = [
        migrations.RenameField(model_name="disbursement", old_name="bank_name", new_name="bank_typed"),
        migrations.AlterField(
            model_name="disbursement",
            name="bank_typed",
            field=models.CharField(blank=True, max_length=60, verbose_name="bank (seperti diketik)"),
        ),
        migrations.AddField(
            model_name="disbursement",
            name="bank_code",
            field=models.CharField(blank=True, max_length=3, verbose_name="kode bank"),
        ),
    ]
