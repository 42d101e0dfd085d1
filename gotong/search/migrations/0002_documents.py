"""The index of other apps' texts (gotong/search/documents.py): on PostgreSQL weighted
tsvectors keyed by (kind, object id) with a GIN index; on SQLite a key table and an FTS5 table
of stemmed words whose rowid is the key's id. Empty here: each owning app fills its own kind
(help information: gotong/info/migrations/0004_reach.py). No foreign keys, as for campaigns."""

from django.db import migrations

POSTGRES_CREATE = [
    """
    CREATE TABLE search_document (
        kind varchar(16) NOT NULL,
        object_id bigint NOT NULL,
        document tsvector NOT NULL,
        PRIMARY KEY (kind, object_id)
    )
    """,
    "CREATE INDEX search_document_gin ON search_document USING gin (document)",
]
POSTGRES_DROP = ["DROP TABLE IF EXISTS search_document"]

SQLITE_CREATE = [
    """
    CREATE TABLE search_document_key (
        id integer PRIMARY KEY,
        kind varchar(16) NOT NULL,
        object_id bigint NOT NULL,
        UNIQUE (kind, object_id)
    )
    """,
    """
    CREATE VIRTUAL TABLE search_document_fts USING fts5(
        title, body, tokenize = 'unicode61 remove_diacritics 2'
    )
    """,
]
SQLITE_DROP = ["DROP TABLE IF EXISTS search_document_fts", "DROP TABLE IF EXISTS search_document_key"]


def _run(schema_editor, statements):
    with schema_editor.connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)


def create(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        _run(schema_editor, POSTGRES_CREATE)
    elif vendor == "sqlite":
        _run(schema_editor, SQLITE_CREATE)


def drop(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        _run(schema_editor, POSTGRES_DROP)
    elif vendor == "sqlite":
        _run(schema_editor, SQLITE_DROP)


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [migrations.RunPython(create, drop)]
