"""merkle.py against a deliberately naive implementation written straight from the RFC 6962 §2.1
definitions (recursion over list slices), sharing no code with the module under test."""

from __future__ import annotations

import hashlib

import pytest

from gotong.transparency import merkle

SIZES = range(1, 65)


# --- The reference: RFC 6962 §2.1 as literally as Python allows -------------------------------


def ref_leaf(data: bytes) -> bytes:
    return hashlib.sha256(b"\x00" + data).digest()


def ref_node(left: bytes, right: bytes) -> bytes:
    return hashlib.sha256(b"\x01" + left + right).digest()


def ref_k(n: int) -> int:
    k = 1
    while k * 2 < n:
        k *= 2
    return k


def ref_mth(d: list[bytes]) -> bytes:
    if not d:
        return hashlib.sha256(b"").digest()
    if len(d) == 1:
        return ref_leaf(d[0])
    k = ref_k(len(d))
    return ref_node(ref_mth(d[:k]), ref_mth(d[k:]))


def ref_path(m: int, d: list[bytes]) -> list[bytes]:
    if len(d) == 1:
        return []
    k = ref_k(len(d))
    if m < k:
        return [*ref_path(m, d[:k]), ref_mth(d[k:])]
    return [*ref_path(m - k, d[k:]), ref_mth(d[:k])]


def ref_subproof(m: int, d: list[bytes], b: bool) -> list[bytes]:
    n = len(d)
    if m == n:
        return [] if b else [ref_mth(d)]
    k = ref_k(n)
    if m <= k:
        return [*ref_subproof(m, d[:k], b), ref_mth(d[k:])]
    return [*ref_subproof(m - k, d[k:], False), ref_mth(d[:k])]


def ref_proof(m: int, d: list[bytes]) -> list[bytes]:
    return ref_subproof(m, d, True)


# --- Fixtures --------------------------------------------------------------------------------

DATA = [f"leaf {i}: {'x' * (i % 7)}".encode() for i in range(64)]
HASHES = [merkle.leaf_hash(d) for d in DATA]


def test_leaf_and_node_hashes_use_the_rfc_prefixes():
    assert merkle.leaf_hash(b"abc") == hashlib.sha256(b"\x00abc").digest()
    assert (
        merkle.node_hash(b"L" * 32, b"R" * 32)
        == hashlib.sha256(b"\x01" + b"L" * 32 + b"R" * 32).digest()
    )


def test_empty_tree_root_is_the_hash_of_nothing():
    assert merkle.root_hash([]) == hashlib.sha256(b"").digest()
    assert merkle.MerkleFrontier().root() == hashlib.sha256(b"").digest()


def test_known_answer_from_the_certificate_transparency_test_vectors():
    leaves = [
        b"",
        b"\x00",
        b"\x10",
        b"\x20\x21",
        b"\x30\x31",
        b"\x40\x41\x42\x43",
        b"\x50\x51\x52\x53\x54\x55\x56\x57",
        b"\x60\x61\x62\x63\x64\x65\x66\x67\x68\x69\x6a\x6b\x6c\x6d\x6e\x6f",
    ]
    root = merkle.root_hash([merkle.leaf_hash(leaf) for leaf in leaves])
    assert root.hex() == "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328"


@pytest.mark.parametrize("n", SIZES)
def test_root_matches_the_reference(n):
    assert merkle.root_hash(HASHES[:n]) == ref_mth(DATA[:n])


def test_frontier_root_matches_the_reference_as_the_tree_grows():
    frontier = merkle.MerkleFrontier()
    for n in SIZES:
        frontier.append(HASHES[n - 1])
        assert frontier.size == n
        assert frontier.root() == ref_mth(DATA[:n])
        restored = merkle.MerkleFrontier(frontier.size, frontier.hashes)
        assert restored.root() == frontier.root()


def test_frontier_reports_each_complete_subtree_once_with_its_position():
    frontier = merkle.MerkleFrontier()
    closed = []
    for h in HASHES:
        closed += frontier.append(h, keep_from_level=2)
    expected = {
        (level, index, ref_mth(DATA[index << level : (index + 1) << level]))
        for level in range(2, 7)
        for index in range(64 >> level)
    }
    assert len(closed) == len(expected)
    assert set(closed) == expected


def test_frontier_refuses_a_wrong_number_of_hashes():
    with pytest.raises(ValueError, match="frontier hashes"):
        merkle.MerkleFrontier(3, [HASHES[0]])


@pytest.mark.parametrize("n", SIZES)
def test_inclusion_proofs_match_the_reference_and_verify(n):
    root = ref_mth(DATA[:n])
    for m in range(n):
        path = merkle.inclusion_proof(m, HASHES[:n])
        assert path == ref_path(m, DATA[:n])
        assert merkle.verify_inclusion(leaf_hash=HASHES[m], index=m, size=n, path=path, root=root)


@pytest.mark.parametrize("n", [1, 2, 3, 5, 8, 13, 31, 64])
def test_wrong_inclusion_claims_fail(n):
    root = ref_mth(DATA[:n])
    other = merkle.leaf_hash(b"not in the log")
    for m in range(n):
        path = merkle.inclusion_proof(m, HASHES[:n])
        ok = {"leaf_hash": HASHES[m], "index": m, "size": n, "path": path, "root": root}
        assert not merkle.verify_inclusion(**{**ok, "leaf_hash": other})
        assert not merkle.verify_inclusion(**{**ok, "index": m + n})
        assert not merkle.verify_inclusion(**{**ok, "root": other})
        assert not merkle.verify_inclusion(**{**ok, "path": [*path, other]})
        if n > 1:
            assert not merkle.verify_inclusion(**{**ok, "index": (m + 1) % n})
            assert not merkle.verify_inclusion(**{**ok, "size": m})
            assert not merkle.verify_inclusion(**{**ok, "path": path[:-1]})
            flipped = bytes([path[0][0] ^ 1]) + path[0][1:]
            assert not merkle.verify_inclusion(**{**ok, "path": [flipped, *path[1:]]})


@pytest.mark.parametrize("n", SIZES)
def test_consistency_proofs_match_the_reference_and_verify(n):
    new_root = ref_mth(DATA[:n])
    for m in range(1, n + 1):
        proof = merkle.consistency_proof(m, HASHES[:n])
        assert proof == ref_proof(m, DATA[:n])
        assert merkle.verify_consistency(
            first=m, second=n, first_root=ref_mth(DATA[:m]), second_root=new_root, proof=proof
        )


def test_every_pair_of_heads_in_a_growing_log_is_consistent():
    heads = [(n, merkle.root_hash(HASHES[:n])) for n in SIZES]
    for first, first_root in heads:
        for second, second_root in heads:
            if first > second:
                continue
            proof = merkle.consistency_proof(first, HASHES[:second])
            assert merkle.verify_consistency(
                first=first,
                second=second,
                first_root=first_root,
                second_root=second_root,
                proof=proof,
            ), (first, second)


@pytest.mark.parametrize("n", [2, 3, 4, 7, 8, 9, 33, 64])
def test_tampered_consistency_claims_fail(n):
    other = merkle.leaf_hash(b"other")
    for m in range(1, n):
        proof = merkle.consistency_proof(m, HASHES[:n])
        ok = {
            "first": m,
            "second": n,
            "first_root": ref_mth(DATA[:m]),
            "second_root": ref_mth(DATA[:n]),
            "proof": proof,
        }
        assert not merkle.verify_consistency(**{**ok, "first_root": other})
        assert not merkle.verify_consistency(**{**ok, "second_root": other})
        assert not merkle.verify_consistency(**{**ok, "proof": proof[:-1]})
        assert not merkle.verify_consistency(**{**ok, "proof": [*proof, other]})
        assert not merkle.verify_consistency(**{**ok, "first": n + 1})
        if m + 1 < n:
            assert not merkle.verify_consistency(**{**ok, "first": m + 1})


@pytest.mark.parametrize("n", [2, 3, 4, 7, 8, 9, 33, 64])
def test_rewriting_a_leaf_an_old_head_covers_is_always_caught(n):
    """Leaf n // 2 rewritten: the forged log can prove consistency only with heads that did not
    yet include that leaf."""
    forged = [*DATA[: n // 2], b"rewritten", *DATA[n // 2 + 1 : n]]
    forged_hashes = [merkle.leaf_hash(d) for d in forged]
    for m in range(1, n):
        verdict = merkle.verify_consistency(
            first=m,
            second=n,
            first_root=ref_mth(DATA[:m]),
            second_root=ref_mth(forged),
            proof=merkle.consistency_proof(m, forged_hashes),
        )
        assert verdict == (m <= n // 2), m


def test_equal_sizes_need_equal_roots_and_an_empty_proof():
    root = merkle.root_hash(HASHES[:5])
    assert merkle.verify_consistency(first=5, second=5, first_root=root, second_root=root, proof=[])
    assert not merkle.verify_consistency(
        first=5, second=5, first_root=root, second_root=HASHES[0], proof=[]
    )
    assert not merkle.verify_consistency(
        first=5, second=5, first_root=root, second_root=root, proof=[root]
    )
    assert merkle.consistency_proof(5, HASHES[:5]) == []


@pytest.mark.parametrize(("lo", "hi"), [(0, 1), (0, 64), (32, 57), (48, 49), (40, 48), (16, 31)])
def test_aligned_blocks_fold_to_the_subtree_root(lo, hi):
    blocks = merkle.aligned_blocks(lo, hi)
    assert sum(1 << level for level, _ in blocks) == hi - lo
    hashes = [merkle.root_hash(HASHES[start : start + (1 << level)]) for level, start in blocks]
    assert merkle.fold_right(hashes) == ref_mth(DATA[lo:hi])


def test_ranges_refuse_impossible_sizes():
    for bad in [(0, 0), (5, 5), (-1, 3)]:
        with pytest.raises(ValueError, match="is not in a tree"):
            merkle.inclusion_ranges(*bad)
    for bad in [(0, 5), (6, 5)]:
        with pytest.raises(ValueError, match="no consistency proof"):
            merkle.consistency_ranges(*bad)
