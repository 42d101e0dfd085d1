"""Merkle Tree Hash, audit paths and consistency proofs of RFC 6962 §2.1 (kept in RFC 9162 §2.1),
over SHA-256. Pure functions on bytes: no Django, no database.

    leaf hash  MTH({d0}) = SHA-256(0x00 || d0)
    node hash            = SHA-256(0x01 || left || right)
    MTH(D[n])            = node(MTH(D[0:k]), MTH(D[k:n])), k the largest power of two < n
    MTH({})              = SHA-256("")

Proofs are described twice: as the list of leaf ranges whose subtree hashes make up the proof
(`inclusion_ranges`, `consistency_ranges`, which depend only on the sizes), and as hashes
computed from a full list of leaf hashes (`inclusion_proof`, `consistency_proof`). The ranges let
the database-backed selectors answer from stored subtree hashes instead of every leaf.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

_sha256 = hashlib.sha256
EMPTY_ROOT = _sha256(b"").digest()


def leaf_hash(leaf: bytes) -> bytes:
    return _sha256(b"\x00" + leaf).digest()


def node_hash(left: bytes, right: bytes) -> bytes:
    return _sha256(b"\x01" + left + right).digest()


def split_point(n: int) -> int:
    """k: the largest power of two smaller than n (n > 1)."""
    return 1 << ((n - 1).bit_length() - 1)


def subtree_root(leaf_hashes: Sequence[bytes], lo: int, hi: int) -> bytes:
    """MTH(D[lo:hi]) from leaf hashes, level by level (no recursion).

    Pairing neighbours and carrying an odd last node up unchanged builds exactly the RFC's
    shape: the left subtree is always the complete one of size k.
    """
    if hi <= lo:
        return EMPTY_ROOT
    level = list(leaf_hashes[lo:hi])
    sha = _sha256
    while len(level) > 1:
        paired = [
            sha(b"\x01" + level[i] + level[i + 1]).digest() for i in range(0, len(level) - 1, 2)
        ]
        if len(level) % 2:
            paired.append(level[-1])
        level = paired
    return level[0]


def root_hash(leaf_hashes: Sequence[bytes]) -> bytes:
    return subtree_root(leaf_hashes, 0, len(leaf_hashes))


def inclusion_ranges(index: int, size: int) -> list[tuple[int, int]]:
    """The leaf ranges [lo, hi) whose subtree hashes form PATH(index, D[size]), leaf side first.

    RFC 6962 §2.1.1: PATH(m, D[n]) = PATH(m, D[0:k]) : MTH(D[k:n]) if m < k,
    else PATH(m - k, D[k:n]) : MTH(D[0:k]); PATH(0, {d0}) is empty.
    """
    if not 0 <= index < size:
        raise ValueError(f"leaf index {index} is not in a tree of size {size}")
    ranges: list[tuple[int, int]] = []
    lo, hi = 0, size
    while hi - lo > 1:
        k = split_point(hi - lo)
        if index < lo + k:
            ranges.append((lo + k, hi))
            hi = lo + k
        else:
            ranges.append((lo, lo + k))
            lo += k
    ranges.reverse()
    return ranges


def consistency_ranges(first: int, second: int) -> list[tuple[int, int]]:
    """The leaf ranges whose subtree hashes form PROOF(first, D[second]) (RFC 6962 §2.1.2).

    PROOF(m, D[n]) = SUBPROOF(m, D[n], true); SUBPROOF(m, D[m], true) is empty,
    SUBPROOF(m, D[m], false) = {MTH(D[m])}; for m < n: if m <= k,
    SUBPROOF(m, D[0:k], b) : MTH(D[k:n]), else SUBPROOF(m - k, D[k:n], false) : MTH(D[0:k]).
    """
    if not 0 < first <= second:
        raise ValueError(f"no consistency proof from size {first} to size {second}")
    ranges: list[tuple[int, int]] = []
    lo, hi, m, whole = 0, second, first, True
    while m != hi - lo:
        k = split_point(hi - lo)
        if m <= k:
            ranges.append((lo + k, hi))
            hi = lo + k
        else:
            ranges.append((lo, lo + k))
            lo, m, whole = lo + k, m - k, False
    if not whole:
        ranges.append((lo, hi))
    ranges.reverse()
    return ranges


def inclusion_proof(index: int, leaf_hashes: Sequence[bytes]) -> list[bytes]:
    """The audit path for leaf `index` in the tree of all `leaf_hashes`."""
    return [
        subtree_root(leaf_hashes, lo, hi) for lo, hi in inclusion_ranges(index, len(leaf_hashes))
    ]


def consistency_proof(first: int, leaf_hashes: Sequence[bytes]) -> list[bytes]:
    """The proof that the tree of the first `first` leaves is a prefix of the tree of all."""
    return [
        subtree_root(leaf_hashes, lo, hi) for lo, hi in consistency_ranges(first, len(leaf_hashes))
    ]


def aligned_blocks(lo: int, hi: int) -> list[tuple[int, int]]:
    """Split [lo, hi) into complete subtrees, left to right, as (level, start): 2**level leaves.

    For the ranges proofs use (lo a multiple of a power of two >= hi - lo) these are exactly the
    complete subtrees of MTH(D[lo:hi]), so folding their hashes from the right gives it.
    """
    blocks = []
    while lo < hi:
        size = 1 << ((hi - lo).bit_length() - 1)
        if lo:
            size = min(size, lo & -lo)
        blocks.append((size.bit_length() - 1, lo))
        lo += size
    return blocks


def fold_right(hashes: Sequence[bytes]) -> bytes:
    """node(h0, node(h1, ... node(h[-2], h[-1]))): the root over complete subtrees (left first)."""
    if not hashes:
        return EMPTY_ROOT
    acc = hashes[-1]
    for left in reversed(hashes[:-1]):
        acc = node_hash(left, acc)
    return acc


class MerkleFrontier:
    """The right edge of a growing tree: the hashes of its complete subtrees, largest first
    (one per set bit of the size). Appending a leaf costs O(1) hashes amortised, and the root
    is a fold over at most 64 hashes, so sealing new leaves never rehashes old ones.
    """

    def __init__(self, size: int = 0, hashes: Sequence[bytes] = ()) -> None:
        if len(hashes) != size.bit_count():
            raise ValueError(f"a tree of size {size} has {size.bit_count()} frontier hashes")
        self.size = size
        self.hashes = list(hashes)

    def append(self, leaf: bytes, *, keep_from_level: int = 64) -> list[tuple[int, int, bytes]]:
        """Add one leaf hash. Returns the complete subtrees this closes at `keep_from_level` or
        above, as (level, index, hash): the subtree over leaves [index * 2**level, +2**level)."""
        closed = []
        node, level, size = leaf, 0, self.size
        while size & 1:
            node = node_hash(self.hashes.pop(), node)
            level += 1
            size >>= 1
            if level >= keep_from_level:
                closed.append((level, (self.size + 1 - (1 << level)) >> level, node))
        self.hashes.append(node)
        self.size += 1
        return closed

    def root(self) -> bytes:
        return fold_right(self.hashes)


def verify_inclusion(
    *, leaf_hash: bytes, index: int, size: int, path: Sequence[bytes], root: bytes
) -> bool:
    """RFC 9162 §2.1.3.2: does `path` prove that `leaf_hash` is leaf `index` of `root`?"""
    if not 0 <= index < size:
        return False
    fn, sn, r = index, size - 1, leaf_hash
    for p in path:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            r = node_hash(p, r)
            if not fn & 1:
                while fn and not fn & 1:
                    fn >>= 1
                    sn >>= 1
        else:
            r = node_hash(r, p)
        fn >>= 1
        sn >>= 1
    return sn == 0 and r == root


def verify_consistency(
    *, first: int, second: int, first_root: bytes, second_root: bytes, proof: Sequence[bytes]
) -> bool:
    """RFC 9162 §2.1.4.2: does `proof` show the tree (first, first_root) is a prefix of the
    tree (second, second_root)? Equal sizes need an empty proof and equal roots."""
    if not 0 < first <= second:
        return False
    if first == second:
        return not proof and first_root == second_root
    if not proof:
        return False
    path = list(proof)
    if first & (first - 1) == 0:  # an exact power of two: the old root is a node of the new tree
        path.insert(0, first_root)
    fn, sn = first - 1, second - 1
    while fn & 1:
        fn >>= 1
        sn >>= 1
    fr = sr = path[0]
    for c in path[1:]:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            fr = node_hash(c, fr)
            sr = node_hash(c, sr)
            if not fn & 1:
                while fn and not fn & 1:
                    fn >>= 1
                    sn >>= 1
        else:
            sr = node_hash(sr, c)
        fn >>= 1
        sn >>= 1
    return sn == 0 and fr == first_root and sr == second_root
