"""The vocabulary typos are corrected against on SQLite too (gotong/search/vocabulary.py):
`search_word (word, campaigns)`, as PostgreSQL has had since 0001 (without its trigram index:
SQLite's look-up compares words in Python). Then both indexes are rebuilt, so that every
campaign is found by its category's names and SQLite's vocabulary is filled."""

from django.db import migrations

SQLITE_CREATE = "CREATE TABLE search_word (word text PRIMARY KEY, campaigns integer NOT NULL)"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        with schema_editor.connection.cursor() as cursor:
            cursor.execute(SQLITE_CREATE)
    from gotong.search.services import search_index_rebuild

    search_index_rebuild()


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        with schema_editor.connection.cursor() as cursor:
            cursor.execute("DROP TABLE IF EXISTS search_word")


class Migration(migrations.Migration):
    dependencies = [("search", "0002_documents"), ("campaigns", "0005_campaign_location")]

    operations = [migrations.RunPython(create, drop)]
