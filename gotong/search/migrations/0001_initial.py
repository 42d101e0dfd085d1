"""The search index: on PostgreSQL a table of weighted tsvectors (indonesian configuration)
with a GIN index, and a vocabulary of campaign words with a trigram index (pg_trgm) to correct
typos against; on SQLite an FTS5 table of stemmed words. No foreign key to the campaign: test
flushes truncate Django's tables only, and the search queries join campaigns, so a row left
behind never shows. See docs/decisions/0010-search.md."""

from django.db import migrations

POSTGRES_CREATE = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    """
    CREATE TABLE search_campaign_document (
        campaign_id bigint PRIMARY KEY,
        document tsvector NOT NULL
    )
    """,
    "CREATE INDEX search_campaign_document_gin ON search_campaign_document USING gin (document)",
    """
    CREATE TABLE search_word (
        word text PRIMARY KEY,
        campaigns integer NOT NULL
    )
    """,
    "CREATE INDEX search_word_trgm ON search_word USING gin (word gin_trgm_ops)",
    # Campaigns that exist already (the same statements as gotong/search/backends.py).
    """
    INSERT INTO search_campaign_document (campaign_id, document)
    SELECT id,
           setweight(to_tsvector('indonesian', title), 'A')
           || setweight(to_tsvector('indonesian', concat_ws(' ', summary, beneficiary, location)), 'B')
           || setweight(to_tsvector('indonesian', story), 'C')
    FROM campaigns_campaign
    """,
    """
    INSERT INTO search_word (word, campaigns)
    SELECT word, count(DISTINCT id)
    FROM campaigns_campaign,
         regexp_split_to_table(
             lower(concat_ws(' ', title, summary, beneficiary, location, story)), '[^[:alpha:]]+'
         ) AS word
    WHERE length(word) BETWEEN 3 AND 40
    GROUP BY word
    """,
]
POSTGRES_DROP = ["DROP TABLE IF EXISTS search_word", "DROP TABLE IF EXISTS search_campaign_document"]

SQLITE_CREATE = [
    """
    CREATE VIRTUAL TABLE search_campaign_fts USING fts5(
        title, about, story, tokenize = 'unicode61 remove_diacritics 2'
    )
    """
]
SQLITE_DROP = ["DROP TABLE IF EXISTS search_campaign_fts"]


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
        # Campaigns that exist already, stemmed in Python (FTS5 has no Indonesian stemmer).
        from gotong.search.text import stemmed

        Campaign = apps.get_model("campaigns", "Campaign")
        rows = Campaign.objects.values_list(
            "id", "title", "summary", "beneficiary", "location", "story"
        )
        with schema_editor.connection.cursor() as cursor:
            cursor.executemany(
                "INSERT INTO search_campaign_fts (rowid, title, about, story) VALUES (%s, %s, %s, %s)",
                [
                    (pk, stemmed(title), stemmed(f"{summary} {beneficiary} {location}"), stemmed(story))
                    for pk, title, summary, beneficiary, location, story in rows.iterator()
                ],
            )


def drop(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        _run(schema_editor, POSTGRES_DROP)
    elif vendor == "sqlite":
        _run(schema_editor, SQLITE_DROP)


class Migration(migrations.Migration):
    dependencies = [("campaigns", "0005_campaign_location")]

    operations = [migrations.RunPython(create, drop)]
