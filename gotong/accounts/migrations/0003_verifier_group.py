from django.db import migrations


def create(apps, schema_editor):
    apps.get_model("auth", "Group").objects.get_or_create(name="verifikator")


class Migration(migrations.Migration):
    dependencies = [("accounts", "0002_role_groups")]
    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
