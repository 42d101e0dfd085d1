"""The search index of texts other apps own (help-information posts, …), kept apart from the
campaign index: each document is a `kind` (a short name the owning app chooses, such as
"info"), the id of its object there, a title and a body. Search never imports those apps: the
owner writes its documents through `search_document_update` (gotong/search/services.py) and
says at query time which of its objects may be found, as a queryset of them (`among`), so
visibility is read from the owner's rows, as for campaigns. Tables are made by
gotong/search/migrations/0002_documents.py; see docs/decisions/0010-search.md.

PostgreSQL: `search_document (kind, object_id, document tsvector)`, title weighted A and body
B, a GIN index, ranked by `ts_rank`. SQLite: `search_document_key (id, kind, object_id)` and
an FTS5 table (`title`, `body`) of words stemmed by `gotong.search.stemmer`, whose rowid is the
key's id, ranked by `bm25`. Values go in as placeholders; the only SQL put together here is
fixed text, one `plainto_tsquery(…, %s)` per query word, and the compiled SQL of `among` (which
Django builds with placeholders, as it does for any subquery).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from django.db import connection
from django.db.models import QuerySet

from gotong.search.backends import CONFIG
from gotong.search.postings import Hits
from gotong.search.text import stemmed

# ts_rank weights for D, C, B, A (title A, body B).
PG_WEIGHTS = "{0.05, 0.1, 0.4, 1.0}"
# bm25 weights per FTS5 column: title, body.
SQLITE_DOCUMENT_WEIGHTS = (10.0, 4.0)


@dataclass(frozen=True)
class Document:
    object_id: int
    title: str
    body: str


def hits_page(sql: str, params: list[Any], limit: int, offset: int) -> Hits:
    """Run a statement selecting (id, score, total) with LIMIT/OFFSET placeholders at its end.
    Past the last page the window count is lost with the rows, so count again from the top."""
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, limit, offset])
        rows = cursor.fetchall()
        if not rows and offset:
            cursor.execute(sql, [*params, 1, 0])
            first = cursor.fetchall()
            return Hits(ids=[], total=first[0][2] if first else 0)
    return Hits(ids=[row[0] for row in rows], total=rows[0][2] if rows else 0)


def _among_sql(among: QuerySet[Any]) -> tuple[str, list[Any]]:
    """The ids of the objects of `among`, as a subquery and its parameters."""
    ids = among.order_by().values_list("pk", flat=True)
    sql, params = ids.query.sql_with_params()
    return sql, list(params)


class DocumentBackend(Protocol):
    def update(self, kind: str, document: Document) -> None: ...
    def rebuild(self, kind: str, documents: Iterable[Document]) -> int: ...
    def match(
        self,
        kind: str,
        terms: Sequence[str],
        *,
        any_term: bool,
        among: QuerySet[Any],
        limit: int,
        offset: int,
    ) -> Hits: ...


PG_DOCUMENT_UPSERT = """
    INSERT INTO search_document (kind, object_id, document)
    VALUES (
        %s,
        %s,
        setweight(to_tsvector('indonesian', %s), 'A')
        || setweight(to_tsvector('indonesian', %s), 'B')
    )
    ON CONFLICT (kind, object_id) DO UPDATE SET document = EXCLUDED.document
"""


class PostgresDocuments:
    def update(self, kind: str, document: Document) -> None:
        with connection.cursor() as cursor:
            cursor.execute(
                PG_DOCUMENT_UPSERT, [kind, document.object_id, document.title, document.body]
            )

    def rebuild(self, kind: str, documents: Iterable[Document]) -> int:
        rows = [(kind, d.object_id, d.title, d.body) for d in documents]
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM search_document WHERE kind = %s", [kind])
            cursor.executemany(PG_DOCUMENT_UPSERT, rows)
            cursor.execute("ANALYZE search_document")
        return len(rows)

    def match(
        self,
        kind: str,
        terms: Sequence[str],
        *,
        any_term: bool,
        among: QuerySet[Any],
        limit: int,
        offset: int,
    ) -> Hits:
        query = (" || " if any_term else " && ").join(
            [f"plainto_tsquery('{CONFIG}', %s)"] * len(terms)
        )
        allowed, allowed_params = _among_sql(among)
        sql = (
            "WITH m AS MATERIALIZED (SELECT d.object_id,"  # noqa: S608 (fixed text)
            f" ts_rank('{PG_WEIGHTS}', d.document, q.query) AS score"
            f" FROM search_document d, (SELECT {query} AS query) q"
            " WHERE d.kind = %s AND d.document @@ q.query)"
            " SELECT m.object_id, m.score, count(*) OVER () AS total FROM m"
            f" WHERE m.object_id IN ({allowed})"
            " ORDER BY m.score DESC, m.object_id DESC"
            " LIMIT %s OFFSET %s"
        )
        return hits_page(sql, [*terms, kind, *allowed_params], limit, offset)


class SqliteDocuments:
    def _key(self, kind: str, object_id: int) -> int:
        with connection.cursor() as cursor:
            cursor.execute(
                "INSERT INTO search_document_key (kind, object_id) VALUES (%s, %s)"
                " ON CONFLICT (kind, object_id) DO NOTHING",
                [kind, object_id],
            )
            cursor.execute(
                "SELECT id FROM search_document_key WHERE kind = %s AND object_id = %s",
                [kind, object_id],
            )
            return int(cursor.fetchone()[0])

    def update(self, kind: str, document: Document) -> None:
        key = self._key(kind, document.object_id)
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM search_document_fts WHERE rowid = %s", [key])
            cursor.execute(
                "INSERT INTO search_document_fts (rowid, title, body) VALUES (%s, %s, %s)",
                [key, stemmed(document.title), stemmed(document.body)],
            )

    def rebuild(self, kind: str, documents: Iterable[Document]) -> int:
        with connection.cursor() as cursor:
            cursor.execute(
                "DELETE FROM search_document_fts WHERE rowid IN"
                " (SELECT id FROM search_document_key WHERE kind = %s)",
                [kind],
            )
            cursor.execute("DELETE FROM search_document_key WHERE kind = %s", [kind])
        count = 0
        for document in documents:
            self.update(kind, document)
            count += 1
        return count

    def match(
        self,
        kind: str,
        terms: Sequence[str],
        *,
        any_term: bool,
        among: QuerySet[Any],
        limit: int,
        offset: int,
    ) -> Hits:
        stems = list(dict.fromkeys(s for s in (stemmed(t) for t in terms) if s))
        if not stems:
            return Hits(ids=[], total=0)
        expression = (" OR " if any_term else " AND ").join(f'"{s}"' for s in stems)
        allowed, allowed_params = _among_sql(among)
        weights = ", ".join(str(w) for w in SQLITE_DOCUMENT_WEIGHTS)
        sql = (
            "WITH f AS MATERIALIZED ("  # noqa: S608 (fixed text)
            f" SELECT rowid, bm25(search_document_fts, {weights}) AS score"
            " FROM search_document_fts WHERE search_document_fts MATCH %s)"
            " SELECT k.object_id, f.score AS score, count(*) OVER () AS total"
            " FROM f JOIN search_document_key k ON k.id = f.rowid"
            f" WHERE k.kind = %s AND k.object_id IN ({allowed})"
            " ORDER BY f.score ASC, k.object_id DESC"
            " LIMIT %s OFFSET %s"
        )
        return hits_page(sql, [expression, kind, *allowed_params], limit, offset)


def documents_backend() -> DocumentBackend:
    return PostgresDocuments() if connection.vendor == "postgresql" else SqliteDocuments()
