"""The campaign index becomes a list of postings on both databases (gotong/search/postings.py,
decision 32): `search_posting (campaign_id, word, score)` keyed by campaign and word, with a
b-tree on `(word, score DESC, campaign_id DESC)` to read a word's campaigns best first, and
`search_posting_length (word, campaigns)`. They replace PostgreSQL's tsvector table and
SQLite's FTS5 table, and are filled by a rebuild. No foreign key to the campaign, as before
(see 0001). Going back makes the old tables again, empty: `search_reindex` of that code fills
them."""

from django.db import migrations

CREATE = {
    "postgresql": [
        """
        CREATE TABLE search_posting (
            campaign_id bigint NOT NULL,
            score real NOT NULL,
            word text NOT NULL,
            PRIMARY KEY (campaign_id, word) INCLUDE (score)
        )
        """,
        "CREATE TABLE search_posting_length (word text PRIMARY KEY, campaigns integer NOT NULL)",
        # Its queries read a few postings each; parallel workers only add their start-up.
        "ALTER TABLE search_posting SET (parallel_workers = 0)",
        "DROP TABLE IF EXISTS search_campaign_document",
    ],
    "sqlite": [
        """
        CREATE TABLE search_posting (
            campaign_id integer NOT NULL,
            score real NOT NULL,
            word text NOT NULL,
            PRIMARY KEY (campaign_id, word)
        ) WITHOUT ROWID
        """,
        "CREATE TABLE search_posting_length (word text PRIMARY KEY, campaigns integer NOT NULL)",
        "DROP TABLE IF EXISTS search_campaign_fts",
    ],
}
RANKED = (
    "CREATE INDEX search_posting_ranked ON search_posting (word, score DESC, campaign_id DESC)"
)
DROP = ["DROP TABLE IF EXISTS search_posting_length", "DROP TABLE IF EXISTS search_posting"]
OLD = {
    "postgresql": [
        "CREATE TABLE search_campaign_document (campaign_id bigint PRIMARY KEY, document tsvector NOT NULL)",
        "CREATE INDEX search_campaign_document_gin ON search_campaign_document USING gin (document)",
    ],
    "sqlite": [
        "CREATE VIRTUAL TABLE search_campaign_fts USING fts5("
        "title, about, story, tokenize = 'unicode61 remove_diacritics 2')"
    ],
}


def _run(schema_editor, statements):
    with schema_editor.connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)


def create(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor not in CREATE:
        return
    _run(schema_editor, [*CREATE[vendor], RANKED])
    from gotong.search.services import search_index_rebuild

    search_index_rebuild()


def drop(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor in OLD:
        _run(schema_editor, [*DROP, *OLD[vendor]])


class Migration(migrations.Migration):
    dependencies = [("search", "0003_srch_vocabulary")]

    operations = [migrations.RunPython(create, drop)]
