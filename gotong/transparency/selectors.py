"""Reads over the transparency log: the latest signed head, leaves, and proofs.

Proofs are built from stored subtree hashes (LogNode, every complete subtree of 256 leaves or
more) plus the leaf hashes of at most a few partial 256-leaf blocks, so a proof costs a couple
of small queries and O(log² n) hashing whatever the log's size. If a stored node is missing,
its leaves are read and hashed instead.
"""

from __future__ import annotations

from functools import reduce
from operator import or_

from django.db.models import Q

from gotong.transparency import merkle
from gotong.transparency.models import NODE_MIN_LEVEL, LogLeaf, LogNode, TreeHead


class LogCorrupted(RuntimeError):
    """The stored log is missing rows its own state says it has."""


def log_head_latest() -> TreeHead | None:
    return TreeHead.objects.order_by("-id").first()


def log_size() -> int:
    """How many leaves are sealed: the latest head's size (leaves and head commit together)."""
    size = TreeHead.objects.order_by("-id").values_list("tree_size", flat=True).first()
    return size or 0


def log_leaves(*, start: int, end: int) -> list[tuple[int, bytes]]:
    """(leaf_index, leaf bytes) for start <= leaf_index <= end, in order."""
    rows = (
        LogLeaf.objects.filter(leaf_index__gte=start, leaf_index__lte=end)
        .order_by("leaf_index")
        .values_list("leaf_index", "leaf")
    )
    return [(index, bytes(leaf)) for index, leaf in rows]


def log_delivery_leaf(*, pledge_id: int) -> tuple[int, bytes] | None:
    """(leaf_index, leaf bytes) of a pledge's confirmed delivery, or None until it is sealed."""
    row = LogLeaf.objects.filter(pledge_id=pledge_id).values_list("leaf_index", "leaf").first()
    return None if row is None else (row[0], bytes(row[1]))


def log_info_leaves(*, post_id: int, below: int) -> list[tuple[int, int, bytes]]:
    """(change id, leaf_index, leaf bytes) of a help-information post's sealed status changes
    with leaf_index below `below` (a head's tree size), in log order."""
    rows = (
        LogLeaf.objects.filter(info_change__post_id=post_id, leaf_index__lt=below)
        .order_by("leaf_index")
        .values_list("info_change_id", "leaf_index", "leaf")
    )
    return [(change_id, index, bytes(leaf)) for change_id, index, leaf in rows]


def log_leaf_hashes(*, size: int) -> list[bytes]:
    """Every leaf hash of the first `size` leaves: O(n), for checks and benchmarks."""
    rows = (
        LogLeaf.objects.filter(leaf_index__lt=size)
        .order_by("leaf_index")
        .values_list("leaf_hash", flat=True)
    )
    return [bytes(h) for h in rows]


def _stored_nodes(wanted: set[tuple[int, int]]) -> dict[tuple[int, int], bytes]:
    if not wanted:
        return {}
    by_level: dict[int, list[int]] = {}
    for level, index in wanted:
        by_level.setdefault(level, []).append(index)
    query = reduce(or_, (Q(level=lv, index__in=ix) for lv, ix in by_level.items()))
    rows = LogNode.objects.filter(query).values_list("level", "index", "hash")
    return {(level, index): bytes(h) for level, index, h in rows}


def _leaf_hashes_in(spans: list[tuple[int, int]]) -> dict[int, bytes]:
    """Leaf hashes for these [lo, hi) spans: one index range scan per run of nearby spans (an
    OR of ranges makes SQLite scan the whole index)."""
    merged: list[list[int]] = []
    for lo, hi in sorted(spans):
        if merged and lo <= merged[-1][1] + (1 << NODE_MIN_LEVEL):
            merged[-1][1] = max(merged[-1][1], hi)
        else:
            merged.append([lo, hi])
    hashes: dict[int, bytes] = {}
    for lo, hi in merged:
        rows = LogLeaf.objects.filter(leaf_index__gte=lo, leaf_index__lt=hi).values_list(
            "leaf_index", "leaf_hash"
        )
        hashes.update((index, bytes(h)) for index, h in rows)
    return hashes


def _range_hashes(ranges: list[tuple[int, int]]) -> list[bytes]:
    """MTH(D[lo:hi]) for each range, from stored nodes and, below them, leaf hashes."""
    blocks = {r: merkle.aligned_blocks(*r) for r in ranges}
    every_block = {block for per_range in blocks.values() for block in per_range}
    nodes = _stored_nodes(
        {(level, start >> level) for level, start in every_block if level >= NODE_MIN_LEVEL}
    )
    from_leaves = [
        (level, start) for level, start in every_block if (level, start >> level) not in nodes
    ]
    leaf_hashes = _leaf_hashes_in([(start, start + (1 << level)) for level, start in from_leaves])

    def block_hash(level: int, start: int) -> bytes:
        stored = nodes.get((level, start >> level))
        if stored is not None:
            return stored
        try:
            hashes = [leaf_hashes[i] for i in range(start, start + (1 << level))]
        except KeyError as exc:
            raise LogCorrupted(f"leaf {exc.args[0]} is missing from the log") from exc
        return merkle.root_hash(hashes)

    return [merkle.fold_right([block_hash(*b) for b in blocks[r]]) for r in ranges]


def log_inclusion_proof(*, leaf_index: int, tree_size: int) -> list[bytes]:
    """The audit path of leaf `leaf_index` in the tree of the first `tree_size` leaves."""
    return _range_hashes(merkle.inclusion_ranges(leaf_index, tree_size))


def log_consistency_proof(*, first: int, second: int) -> list[bytes]:
    """The proof that the tree of size `first` is a prefix of the tree of size `second`."""
    return _range_hashes(merkle.consistency_ranges(first, second))
