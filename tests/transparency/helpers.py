"""Quick ways to fill the ledger and confirm deliveries for log tests, and independent checks of
what the log stores."""

from __future__ import annotations

import base64
import datetime
import hashlib
import json
import threading
import uuid
from collections.abc import Callable

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from django.db import connection
from django.utils import timezone

from gotong.donations.models import Donation
from gotong.donations.transitions import DonationEvent
from gotong.inkind.models import NeedLine, Pledge
from gotong.inkind.pledges import handover_code, pledge_accept, pledge_confirm, pledge_create
from gotong.ledger.models import AccountKind, EntryKind, JournalEntry, LedgerAccount, Posting
from gotong.payments.services import donation_event_apply
from gotong.transparency.models import LogLeaf, TreeHead
from tests.factories import UserFactory
from tests.inkind.conftest import HELPER_PHONE

TEST_KEY = base64.b64encode(bytes(range(32))).decode()  # the log key in these tests


def settle(donation: Donation) -> None:
    donation_event_apply(donation=donation, event=DonationEvent.PAID)


def pledge_propose(line: NeedLine, *, quantity: int, helper=None) -> Pledge:
    """A helper pledges `quantity` of `line`, with a note naming them and their phone."""
    return pledge_create(
        actor=helper or UserFactory(display_name="Joko Widodo"),
        line=line,
        quantity=quantity,
        deliver_by=timezone.localdate() + datetime.timedelta(days=3),
        whatsapp=HELPER_PHONE,
        note=f"Saya Joko, telepon {HELPER_PHONE}",
    )


def pledge_accepted(line: NeedLine, *, quantity: int, helper=None) -> Pledge:
    """A pledge of `quantity` that the need's poster accepted."""
    pledge = pledge_propose(line, quantity=quantity, helper=helper)
    pledge_accept(pledge=pledge, actor=line.need.poster)
    pledge.refresh_from_db()
    return pledge


def delivery_confirm(line: NeedLine, *, quantity: int, helper=None) -> Pledge:
    """A pledge of `quantity`, accepted, confirmed by the recipient with the handover code."""
    pledge = pledge_accepted(line, quantity=quantity, helper=helper)
    pledge_confirm(pledge=pledge, actor=line.need.poster, code=handover_code(pledge))
    pledge.refresh_from_db()
    return pledge


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


def at_once(action: Callable[[], object], *, threads: int = 2) -> list[Exception]:
    """Run `action` in `threads` threads released together (each with its own database
    connection, closed after); the exceptions they raised."""
    barrier, errors = threading.Barrier(threads), []

    def run() -> None:
        try:
            barrier.wait()
            action()
        except Exception as exc:
            errors.append(exc)
        finally:
            connection.close()

    started = [threading.Thread(target=run) for _ in range(threads)]
    for thread in started:
        thread.start()
    for thread in started:
        thread.join(timeout=120)
    return errors
