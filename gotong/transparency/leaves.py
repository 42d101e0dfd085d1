"""What a log leaf is: the canonical JSON bytes of one ledger journal entry.

    {"campaign_id": 7, "created_at": "2026-05-01T03:04:05.123456Z", "entry_id": 42,
     "kind": "donation_settled", "memo": "Donasi GTG-7-…", "order_id": "GTG-7-…",
     "postings": [{"account": "gateway:midtrans:clearing", "amount": 50000},
                  {"account": "campaign:7:funds", "amount": -50000}]}

Keys sorted, no spaces, UTF-8, postings in posting-id order. Nothing about the donor (name,
email, message) is in a leaf; the memo holds only the order id. docs/transparency.md
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Sequence
from typing import Any


def canonical_json(obj: Any) -> bytes:
    return json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode(
        "utf-8"
    )


def utc_timestamp(moment: datetime.datetime) -> str:
    """ISO 8601 in UTC with a `Z` and always six fractional digits, so equal moments encode
    to equal bytes."""
    return moment.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def leaf_encode(
    *,
    entry_id: int,
    kind: str,
    created_at: datetime.datetime,
    memo: str,
    campaign_id: int | None,
    order_id: str | None,
    postings: Sequence[tuple[str, int]],
) -> bytes:
    return canonical_json(
        {
            "entry_id": entry_id,
            "kind": kind,
            "created_at": utc_timestamp(created_at),
            "memo": memo,
            "campaign_id": campaign_id,
            "order_id": order_id,
            "postings": [{"account": code, "amount": amount} for code, amount in postings],
        }
    )
