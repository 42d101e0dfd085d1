"""The vocabulary typos are corrected against on SQLite too (gotong/search/vocabulary.py):
`search_word (word, campaigns)`, as PostgreSQL has had since 0001 (without its trigram index:
SQLite's look-up compares words in Python). The index and SQLite's vocabulary are then
rebuilt by 0004 (which once happened here, when the index was the one of 0001)."""

from django.db import migrations

SQLITE_CREATE = "CREATE TABLE search_word (word text PRIMARY KEY, campaigns integer NOT NULL)"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        with schema_editor.connection.cursor() as cursor:
            cursor.execute(SQLITE_CREATE)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        with schema_editor.connection.cursor() as cursor:
            cursor.execute("DROP TABLE IF EXISTS search_word")


class Migration(migrations.Migration):
    dependencies = [("search", "0002_documents"), ("campaigns", "0005_campaign_location")]

    operations = [migrations.RunPython(create, drop)]
