"""Writes to the search index. Campaign services call `search_index_update` in their own
transaction whenever what a campaign says about itself changes (create, edit, publish), so the
index never lags behind a committed campaign. `search_index_rebuild` (the `search_reindex`
command) starts over from every campaign."""

from __future__ import annotations

from django.db import transaction

from gotong.campaigns.models import Campaign
from gotong.search.backends import backend


def search_index_update(*, campaign: Campaign) -> None:
    """(Re)index one saved campaign. Every campaign is indexed, whatever its status: searches
    filter on status, so a draft is found only once it is published."""
    backend().update(campaign)


def search_index_rebuild() -> int:
    """Empty the index and index every campaign again, in one transaction; returns how many."""
    with transaction.atomic():
        return backend().rebuild()
