"""Writes to the search index. Campaign services call `search_index_update` in their own
transaction whenever what a campaign says about itself changes (create, edit, publish), so the
index never lags behind a committed campaign. `search_index_rebuild` (the `search_reindex`
command) starts over from every campaign. Other apps keep their texts in the documents index
(gotong/search/documents.py) the same way, through `search_document_update`."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction

from gotong.campaigns.models import Campaign
from gotong.search.backends import backend
from gotong.search.documents import Document, documents_backend


def search_index_update(*, campaign: Campaign) -> None:
    """(Re)index one saved campaign. Every campaign is indexed, whatever its status: searches
    filter on status, so a draft is found only once it is published."""
    backend().update(campaign)


def search_index_rebuild() -> int:
    """Empty the index and index every campaign again, in one transaction; returns how many."""
    with transaction.atomic():
        return backend().rebuild()


def search_document_update(*, kind: str, document: Document) -> None:
    """(Re)index one object of another app under its `kind`, whatever its visibility: the
    searches say which objects may be found (`documents_search(among=…)`)."""
    documents_backend().update(kind, document)


def search_documents_rebuild(*, kind: str, documents: Iterable[Document]) -> int:
    """Replace every document of `kind` with `documents`, in one transaction; how many."""
    with transaction.atomic():
        return documents_backend().rebuild(kind, documents)
