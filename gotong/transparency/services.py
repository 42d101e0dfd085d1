"""Writes for the transparency log: sealing ledger entries, confirmed in-kind deliveries and the
applied status changes of help-information posts into leaves and signing tree heads.

Settlement never waits for the log: it writes ledger rows only; nor does a recipient confirming
a delivery, nor a verifikator. The sealer (task and command `seal_log`, run by the scheduler)
later takes every journal entry not yet in the log, oldest id first, then every confirmed pledge
not yet in it, then every applied info status change not yet in it, lowest id first, and
appends them. Each batch is one transaction that locks the LogState row
first, so two sealers never hand out the same leaf index (the unique leaf_index, entry and
pledge columns are a second guard) and on SQLite the write lock is held for one bounded batch at
a time.
"""

from __future__ import annotations

import time
from collections import defaultdict
from dataclasses import dataclass

from django.db import transaction

from gotong.info.models import ChangeOutcome, InfoStatusChange
from gotong.inkind.models import Pledge
from gotong.inkind.transitions import PledgeStatus
from gotong.ledger.models import JournalEntry, Posting
from gotong.transparency import merkle, signing
from gotong.transparency.leaves import delivery_leaf_encode, info_leaf_encode, leaf_encode
from gotong.transparency.models import NODE_MIN_LEVEL, LogLeaf, LogNode, LogState, TreeHead
from gotong.transparency.selectors import LogCorrupted

SEAL_BATCH_SIZE = 10_000
_QUERY_CHUNK = 2_000  # entries read per query


@dataclass(frozen=True)
class SealResult:
    sealed: int
    head: TreeHead | None  # the head signed by this call, if any
    last_entry_id: int | None = None  # the highest entry id sealed by this call
    last_pledge_id: int | None = None  # the highest pledge id whose delivery it sealed
    last_change_id: int | None = None  # the highest info status change id it sealed


def _id_runs(ids: list[int]) -> list[list[int]]:
    """Sorted ids in chunks of at most _QUERY_CHUNK ids spanning at most 2 * _QUERY_CHUNK."""
    chunks: list[list[int]] = []
    for entry_id in ids:
        if (
            not chunks
            or len(chunks[-1]) == _QUERY_CHUNK
            or entry_id - chunks[-1][0] >= 2 * _QUERY_CHUNK
        ):
            chunks.append([])
        chunks[-1].append(entry_id)
    return chunks


def _unsealed_entries(limit: int, after_id: int | None) -> list[tuple[int, bytes]]:
    """(entry id, leaf bytes) for up to `limit` entries not in the log, lowest id first.

    An anti-join, not `id > last sealed id`: an entry whose transaction commits after a
    higher-numbered one was sealed still gets its leaf (later, at the end of the log).
    `after_id` only narrows the search within one `log_seal` run.
    """
    unsealed = JournalEntry.objects.filter(log_leaf__isnull=True)
    if after_id is not None:
        unsealed = unsealed.filter(id__gt=after_id)
    ids = list(unsealed.order_by("id").values_list("id", flat=True)[:limit])
    leaves = []
    for chunk in _id_runs(ids):
        # Id ranges, not IN (...) lists of thousands of parameters; rows already sealed in the
        # range are skipped here.
        wanted, lo, hi = set(chunk), chunk[0], chunk[-1]
        postings = defaultdict(list)
        rows = (
            Posting.objects.filter(entry_id__gte=lo, entry_id__lte=hi)
            .order_by("id")
            .values_list("entry_id", "account__code", "amount")
        )
        for entry_id, code, amount in rows:
            if entry_id in wanted:
                postings[entry_id].append((code, amount))
        entries = (
            JournalEntry.objects.filter(id__gte=lo, id__lte=hi)
            .order_by("id")
            .values_list("id", "kind", "created_at", "memo", "campaign_id", "donation__order_id")
        )
        for entry_id, kind, created_at, memo, campaign_id, order_id in entries:
            if entry_id not in wanted:
                continue
            leaf = leaf_encode(
                entry_id=entry_id,
                kind=kind,
                created_at=created_at,
                memo=memo,
                campaign_id=campaign_id,
                order_id=order_id,
                postings=postings[entry_id],
            )
            leaves.append((entry_id, leaf))
    return leaves


def _unsealed_deliveries(limit: int, after_id: int | None) -> list[tuple[int, bytes]]:
    """(pledge id, leaf bytes) for up to `limit` confirmed pledges not in the log, lowest id
    first: an anti-join like the entries', so a delivery confirmed after a higher-numbered one
    was sealed still gets its leaf. Confirmed is a final status, and nothing a leaf holds (the
    pledge's quantity and time, its line's item and unit, its need's desa) changes after it."""
    unsealed = Pledge.objects.filter(status=PledgeStatus.CONFIRMED, log_leaf__isnull=True)
    if after_id is not None:
        unsealed = unsealed.filter(id__gt=after_id)
    rows = unsealed.order_by("id").values_list(
        "id",
        "line__need",
        "line__item",
        "quantity",
        "line__unit",
        "line__need__region",
        "confirmed_at",
    )[:limit]
    leaves = []
    for pledge_id, need_id, item, quantity, unit, desa_code, confirmed_at in rows:
        assert confirmed_at is not None  # every move to confirmed stamps it (inkind.pledges)
        leaf = delivery_leaf_encode(
            pledge_id=pledge_id,
            need_id=need_id,
            item=item,
            quantity=quantity,
            unit=unit,
            desa_code=desa_code,
            confirmed_at=confirmed_at,
        )
        leaves.append((pledge_id, leaf))
    return leaves


def _unsealed_info_changes(limit: int, after_id: int | None) -> list[tuple[int, bytes]]:
    """(change id, leaf bytes) for up to `limit` applied info status changes not in the log,
    lowest id first, by the same anti-join. History rows are never updated (info.services)."""
    unsealed = InfoStatusChange.objects.filter(outcome=ChangeOutcome.APPLIED, log_leaf__isnull=True)
    if after_id is not None:
        unsealed = unsealed.filter(id__gt=after_id)
    leaves = []
    for change in unsealed.order_by("id")[:limit]:
        leaf = info_leaf_encode(
            change_id=change.pk,
            post_id=change.post_id,
            event=change.event,
            from_status=change.from_status,
            to_status=change.to_status,
            role=change.role,
            reason=change.reason,
            evidence=change.evidence,
            created_at=change.created_at,
        )
        leaves.append((change.pk, leaf))
    return leaves


def _state_lock() -> LogState:
    LogState.objects.get_or_create(pk=1)
    state = LogState.objects.select_for_update().get(pk=1)
    last = LogLeaf.objects.order_by("-leaf_index").values_list("leaf_index", flat=True).first()
    if (last if last is not None else -1) != state.tree_size - 1:
        raise LogCorrupted(f"log state says {state.tree_size} leaves, the last leaf is {last}")
    return state


def _head_sign(*, tree_size: int, root: bytes) -> TreeHead:
    key = signing.signing_key()
    previous = TreeHead.objects.order_by("-id").values_list("timestamp", flat=True).first()
    # Heads never go back in time, even if this host's clock is behind the last sealer's.
    timestamp = max(time.time_ns() // 1_000_000, previous or 0)
    root_hex = root.hex()
    return TreeHead.objects.create(
        tree_size=tree_size,
        timestamp=timestamp,
        root_hash=root_hex,
        signature=signing.head_sign(
            key=key, tree_size=tree_size, timestamp=timestamp, root_hash=root_hex
        ),
        public_key=signing.public_key_b64(key),
    )


def log_seal_batch(
    *,
    limit: int = SEAL_BATCH_SIZE,
    after_entry_id: int | None = None,
    after_pledge_id: int | None = None,
    after_change_id: int | None = None,
) -> SealResult:
    """Append up to `limit` unsealed leaves and sign the new tree head: entries first (with ids
    above `after_entry_id`, if given), then confirmed deliveries (pledge ids above
    `after_pledge_id`, if given), then info status changes (ids above `after_change_id`) in
    the room left.

    With nothing new, nothing is written (except the first head of an empty log, so the head
    endpoint has something to show).
    """
    with transaction.atomic():
        state = _state_lock()
        entries = _unsealed_entries(limit, after_entry_id)
        deliveries = _unsealed_deliveries(limit - len(entries), after_pledge_id)
        changes = _unsealed_info_changes(limit - len(entries) - len(deliveries), after_change_id)
        if not entries and not deliveries and not changes and TreeHead.objects.exists():
            return SealResult(sealed=0, head=None)
        frontier = merkle.MerkleFrontier(
            state.tree_size, [bytes.fromhex(h) for h in state.frontier]
        )
        new = [({"entry_id": pk}, leaf) for pk, leaf in entries]
        new += [({"pledge_id": pk}, leaf) for pk, leaf in deliveries]
        new += [({"info_change_id": pk}, leaf) for pk, leaf in changes]
        leaves, nodes = [], []
        for sealed_row, leaf in new:
            digest = merkle.leaf_hash(leaf)
            leaves.append(
                LogLeaf(leaf_index=frontier.size, leaf=leaf, leaf_hash=digest, **sealed_row)
            )
            for level, index, node in frontier.append(digest, keep_from_level=NODE_MIN_LEVEL):
                nodes.append(LogNode(level=level, index=index, hash=node))
        LogLeaf.objects.bulk_create(leaves, batch_size=1_000)
        LogNode.objects.bulk_create(nodes, batch_size=1_000)
        state.tree_size, state.frontier = frontier.size, [h.hex() for h in frontier.hashes]
        state.save(update_fields=["tree_size", "frontier"])
        head = _head_sign(tree_size=frontier.size, root=frontier.root())
        return SealResult(
            sealed=len(leaves),
            head=head,
            last_entry_id=entries[-1][0] if entries else None,
            last_pledge_id=deliveries[-1][0] if deliveries else None,
            last_change_id=changes[-1][0] if changes else None,
        )


def log_seal(*, batch_size: int = SEAL_BATCH_SIZE) -> SealResult:
    """Seal every entry, confirmed delivery and info status change not yet in the log,
    `batch_size` per transaction (each batch signs a head, so a big backlog never holds the lock
    for long). Returns the total and last head.

    The first batch searches every entry, delivery and change; later ones only above the last ids
    sealed, so a backlog costs one full search, not one per batch. Anything below that commits
    meanwhile is found by the next run's first batch."""
    sealed, head = 0, None
    after_entry_id: int | None = None
    after_pledge_id: int | None = None
    after_change_id: int | None = None
    while True:
        result = log_seal_batch(
            limit=batch_size,
            after_entry_id=after_entry_id,
            after_pledge_id=after_pledge_id,
            after_change_id=after_change_id,
        )
        sealed += result.sealed
        head = result.head or head
        if result.last_entry_id is not None:
            after_entry_id = result.last_entry_id
        if result.last_pledge_id is not None:
            after_pledge_id = result.last_pledge_id
        if result.last_change_id is not None:
            after_change_id = result.last_change_id
        if result.sealed < batch_size:
            return SealResult(
                sealed=sealed,
                head=head,
                last_entry_id=after_entry_id,
                last_pledge_id=after_pledge_id,
                last_change_id=after_change_id,
            )
