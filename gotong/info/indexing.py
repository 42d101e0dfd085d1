"""Help information in the search index (gotong/search/documents.py, kind "info"): the title
weighs most, then what and where. The post services index a post whenever its text is saved
(publish, edit); whether it may be found (its status) is read from the post at query time."""

from __future__ import annotations

from gotong.info.models import InfoPost
from gotong.search.documents import Document
from gotong.search.services import search_document_update, search_documents_rebuild

SEARCH_KIND = "info"


def _document(post: InfoPost) -> Document:
    return Document(
        object_id=post.pk, title=post.title, body=" ".join((post.what, post.where_text))
    )


def info_index_update(*, post: InfoPost) -> None:
    """Call inside the transaction that saved the post's text."""
    search_document_update(kind=SEARCH_KIND, document=_document(post))


def infos_reindex() -> int:
    """Index every post again (`manage.py search_reindex`); returns how many."""
    posts = InfoPost.objects.order_by("pk").only("pk", "title", "what", "where_text")
    return search_documents_rebuild(
        kind=SEARCH_KIND, documents=(_document(post) for post in posts.iterator(2000))
    )
