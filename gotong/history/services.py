"""Asking for the "Donasi saya" link by email. The answer is the same whether or not the address
gave anything: the task decides, after commit, out of the request."""

from __future__ import annotations

import hashlib
from functools import partial

from django.core.cache import cache
from django.db import transaction

from gotong.history.emails import LINK_WINDOW
from gotong.history.tasks import send_history_link


def history_link_request(*, email: str, language: str) -> bool:
    """Queue the link to `email`'s donations, unless it was asked for less than `LINK_WINDOW`
    ago (cache; the claim row in `history_link_send` holds across processes). True when queued.
    """
    address = email.strip().lower()
    key = "history-link:" + hashlib.sha256(address.encode()).hexdigest()
    if not cache.add(key, 1, int(LINK_WINDOW.total_seconds())):
        return False
    with transaction.atomic():
        transaction.on_commit(
            partial(send_history_link.enqueue, email=address, language=language), robust=True
        )
    return True
