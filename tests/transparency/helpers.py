"""Quick ways to fill the ledger for log tests, and independent checks of what the log stores."""

from __future__ import annotations

import base64
import hashlib
import json
import uuid

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from gotong.donations.models import Donation
from gotong.donations.transitions import DonationEvent
from gotong.ledger.models import AccountKind, EntryKind, JournalEntry, LedgerAccount, Posting
from gotong.payments.services import donation_event_apply
from gotong.transparency.models import LogLeaf, TreeHead

TEST_KEY = base64.b64encode(bytes(range(32))).decode()  # the log key in these tests


def settle(donation: Donation) -> None:
    donation_event_apply(donation=donation, event=DonationEvent.PAID)


def entries_bulk_create(n: int, *, amount: int = 10_000) -> list[JournalEntry]:
    """n balanced two-posting entries, without donations or campaigns (bulk inserts)."""
    debit = LedgerAccount.objects.get_or_create(
        code="test:bulk:debit", defaults={"name": "debit", "kind": AccountKind.ASSET}
    )[0]
    credit = LedgerAccount.objects.get_or_create(
        code="test:bulk:credit", defaults={"name": "credit", "kind": AccountKind.LIABILITY}
    )[0]
    tag = uuid.uuid4().hex[:8]
    entries = JournalEntry.objects.bulk_create(
        JournalEntry(
            kind=EntryKind.DONATION_SETTLED, memo=f"bulk {i}", idempotency_key=f"{tag}:{i}"
        )
        for i in range(n)
    )
    Posting.objects.bulk_create(
        posting
        for i, entry in enumerate(entries)
        for posting in (
            Posting(entry=entry, account=debit, amount=amount + i),
            Posting(entry=entry, account=credit, amount=-(amount + i)),
        )
    )
    return entries


def stored_leaf_hashes() -> list[bytes]:
    return [
        bytes(h) for h in LogLeaf.objects.order_by("leaf_index").values_list("leaf_hash", flat=True)
    ]


def head_signature_verifies(head: TreeHead) -> bool:
    message = json.dumps(
        {"tree_size": head.tree_size, "timestamp": head.timestamp, "root_hash": head.root_hash},
        sort_keys=True,
        separators=(",", ":"),
    ).encode()
    key = Ed25519PublicKey.from_public_bytes(base64.b64decode(head.public_key))
    try:
        key.verify(base64.b64decode(head.signature), message)
    except Exception:
        return False
    return True


def sha256_leaf(leaf: bytes) -> bytes:
    return hashlib.sha256(b"\x00" + leaf).digest()
