"""What a log leaf is: the canonical JSON bytes of one ledger journal entry,

    {"campaign_id": 7, "created_at": "2026-05-01T03:04:05.123456Z", "entry_id": 42,
     "kind": "donation_settled", "memo": "Donasi GTG-7-…", "order_id": "GTG-7-…",
     "postings": [{"account": "gateway:midtrans:clearing", "amount": 50000},
                  {"account": "campaign:7:funds", "amount": -50000}]}

or of one confirmed in-kind delivery (a pledge its recipient confirmed),

    {"confirmed_at": "2026-05-02T08:09:10.123456Z", "desa_code": "73.71.07.1001",
     "item": "masker", "kind": "delivery_confirmed", "need_id": 12, "pledge_id": 31,
     "quantity": 100, "unit": "lembar"}

or of one applied change in a help-information post's public status history,

    {"change_id": 5, "created_at": "2026-05-03T01:02:03.456Z", "event": "verify",
     "evidence_sha256": "<hex>", "from_status": "dikonfirmasi_warga", "kind":
     "info_status_changed", "post_id": 9, "reason_sha256": "<hex>", "role": "verifikator",
     "to_status": "terverifikasi"}

Keys sorted, no spaces, UTF-8, postings in posting-id order. Nothing about the donor (name,
email, message) is in a leaf; the memo holds only the order id. Nothing about the two people of
a delivery (names, phones, the RT/RW, the note, the photo) is in its leaf. An info-history leaf
holds the reason and evidence only as hashes, and of who acted only the role.
docs/transparency.md
"""

from __future__ import annotations

import datetime
import hashlib
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


DELIVERY_CONFIRMED = "delivery_confirmed"  # the kind of a delivery leaf; no entry has it


def delivery_leaf_encode(
    *,
    pledge_id: int,
    need_id: int,
    item: str,
    quantity: int,
    unit: str,
    desa_code: str,
    confirmed_at: datetime.datetime,
) -> bytes:
    return canonical_json(
        {
            "kind": DELIVERY_CONFIRMED,
            "pledge_id": pledge_id,
            "need_id": need_id,
            "item": item,
            "quantity": quantity,
            "unit": unit,
            "desa_code": desa_code,
            "confirmed_at": utc_timestamp(confirmed_at),
        }
    )


INFO_STATUS_CHANGED = "info_status_changed"  # the kind of an info-history leaf


def utc_millis(moment: datetime.datetime) -> str:
    """ISO 8601 in UTC with a `Z` and three fractional digits, truncated: the precision the API
    shows a history row's time in (Django's JSON encoder), so a reader can re-encode the leaf."""
    return moment.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


def text_sha256(text: str) -> str:
    """Lowercase hex SHA-256 of the UTF-8 text: how a leaf holds a history row's reason and
    evidence, so the log fixes them without keeping free text forever."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def info_leaf_encode(
    *,
    change_id: int,
    post_id: int,
    event: str,
    from_status: str,
    to_status: str,
    role: str,
    reason: str,
    evidence: str,
    created_at: datetime.datetime,
) -> bytes:
    return canonical_json(
        {
            "kind": INFO_STATUS_CHANGED,
            "change_id": change_id,
            "post_id": post_id,
            "event": event,
            "from_status": from_status,
            "to_status": to_status,
            "role": role,
            "reason_sha256": text_sha256(reason),
            "evidence_sha256": text_sha256(evidence),
            "created_at": utc_millis(created_at),
        }
    )
