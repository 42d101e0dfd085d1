"""tools/verify_log.py's fast paths against its exact, leaf-by-leaf path.

A dump is read in blocks of lines (file_blocks), entries in the usual shape are checked in bulk
by one regex per block (Ledger.add_leaves), the tree is hashed level by level (subtrees), and a
large dump is split between two processes (_file_check_halves). Whatever the leaves and lines,
each must end exactly as the reading of one line and one leaf at a time does: the same tree,
balances, ids, problems in the same order, or the same failure with the same message."""

from __future__ import annotations

import base64
import contextlib
import hashlib
import json
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gotong.transparency import merkle
from tests.transparency.test_verify_log import VERIFY_LOG, load_tool

TOOL = load_tool()
QUICK = settings(max_examples=200, deadline=None, suppress_health_check=list(HealthCheck))


def canonical(obj: object) -> bytes:
    return json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


DELIVERY = {
    "confirmed_at": "2026-05-02T08:09:10.123456Z",
    "desa_code": "73.71.07.1001",
    "item": "masker",
    "kind": "delivery_confirmed",
    "need_id": 12,
    "pledge_id": 31,
    "quantity": 100,
    "unit": "lembar",
}
INFO = {
    "change_id": 5,
    "created_at": "2026-05-03T01:02:03.456Z",
    "event": "verify",
    "evidence_sha256": "0" * 64,
    "from_status": "dikonfirmasi_warga",
    "kind": "info_status_changed",
    "post_id": 9,
    "reason_sha256": "f" * 64,
    "role": "verifikator",
    "to_status": "terverifikasi",
}

# --- Leaves: mostly the usual shape, and everything near it --------------------------------------

PLAIN_TEXT = st.text(  # nothing to escape: no quote, backslash or control character
    st.characters(blacklist_categories=["Cs"], blacklist_characters='"\\', min_codepoint=0x20),
    max_size=10,
)
WORDS = st.one_of(
    st.sampled_from(
        ["Donasi GTG-7-0A1B", "2026-05-01T03:04:05.123456Z", "", "é ü 日本", "\u2028", "\x7f"]
    ),
    PLAIN_TEXT,
    st.text(max_size=6),  # quotes, backslashes, control characters: escaped when encoded
)
CODES = st.sampled_from(
    [
        "gateway:midtrans:clearing:7",
        "platform:fees:7",
        "platform:fees",
        "campaign:7:fees",
        "campaign:",
        "campaign:None:funds",
        "campaign:-3:funds",
        "Campaign:7:funds",
    ]
)
SMALL_IDS = st.integers(1, 12)


@st.composite
def usual_entries(draw) -> dict:
    """Entries the fast path must take: the shape every sealed entry has."""
    campaign = draw(st.one_of(st.sampled_from([7, 8, 0, -3]), st.integers(1, 10**18 - 1)))
    funds = f"campaign:{campaign}:funds"
    kinds = st.sampled_from(["donation_settled", "platform_fee", "delivery_confirmed_x"])
    amount = draw(st.one_of(st.integers(1, 10**6), st.integers(1, 10**18 - 1)))
    amount = -amount if draw(st.booleans()) else amount
    accounts = st.one_of(st.just(funds), CODES.filter(lambda c: not c.startswith("campaign:")))
    return {
        "entry_id": draw(st.one_of(SMALL_IDS, st.integers(-(10**18) + 1, 10**18 - 1))),
        "kind": draw(st.one_of(kinds, PLAIN_TEXT)),
        "created_at": draw(PLAIN_TEXT),
        "memo": draw(PLAIN_TEXT),
        "campaign_id": campaign,
        "order_id": draw(st.one_of(st.none(), PLAIN_TEXT)),
        "postings": [
            {"account": draw(accounts), "amount": amount},
            {"account": draw(accounts), "amount": -amount},
        ],
    }


AMOUNTS = st.one_of(
    st.integers(-(10**6), 10**6),
    st.integers(-(10**20), 10**20),
    st.sampled_from([0, True, 1.5, "5", None]),
)


@st.composite
def near_entries(draw) -> dict:
    """A usual entry with any of its fields, postings or keys changed."""
    entry = draw(usual_entries())
    changes = {
        "entry_id": st.one_of(st.integers(-(10**20), 10**20), st.sampled_from([0, None, "3", 2.0])),
        "kind": st.one_of(WORDS, st.sampled_from(["delivery_confirmed", "info_status_changed"])),
        "created_at": st.one_of(WORDS, st.just(5)),
        "memo": WORDS,
        "campaign_id": st.one_of(st.none(), st.integers(-(10**20), 10**20), st.just("7")),
        "order_id": st.one_of(WORDS, st.just(7)),
        "postings": st.lists(
            st.fixed_dictionaries(
                {"account": st.one_of(CODES, WORDS, st.just(5)), "amount": AMOUNTS},
                optional={"memo": WORDS},
            ),
            max_size=3,
        ),
    }
    for key in draw(st.lists(st.sampled_from(sorted(changes)), max_size=3, unique=True)):
        entry[key] = draw(changes[key])
    if draw(st.integers(0, 9)) == 0:
        entry["postings"][0:1] = [{"account": draw(CODES), "amount": draw(AMOUNTS)}]
    if draw(st.integers(0, 9)) == 0:
        del entry[draw(st.sampled_from(sorted(entry)))]
    if draw(st.integers(0, 9)) == 0:
        entry["extra"] = 1
    return entry


ENCODINGS = [
    canonical,
    lambda obj: json.dumps(obj).encode(),  # spaces, keys unsorted
    lambda obj: json.dumps(obj, sort_keys=True, separators=(",", ":")).encode(),  # \u escapes
    lambda obj: json.dumps(obj, sort_keys=True, indent=1, ensure_ascii=False).encode(),  # \n
    lambda obj: canonical(obj).replace(b":0,", b":-0,", 1),
    lambda obj: canonical(obj) + b" ",
]
RAW = [b"", b"not json", b"[1]", b"\xff\xfe", b'{"kind":"x"}', b"null"]


@st.composite
def leaves(draw) -> bytes:
    which = draw(st.integers(0, 19))
    if which < 10:
        return canonical(draw(usual_entries()))
    if which < 16:
        return draw(st.sampled_from(ENCODINGS))(draw(near_entries()))
    if which == 16:
        return canonical(DELIVERY | {"pledge_id": draw(SMALL_IDS)})
    if which == 17:
        return canonical(INFO | {"change_id": draw(SMALL_IDS)})
    if which == 18:
        return canonical(DELIVERY | {"quantity": 0})
    return draw(st.sampled_from(RAW))


def one_by_one(leaves_: list[bytes], start: int, seen: set[int]) -> dict:
    ledger = TOOL.Ledger()
    ledger.entry_ids.update(seen)
    for index, leaf in enumerate(leaves_, start):
        ledger.add(index, leaf, None)
    ledger.finish()
    return vars(ledger)


def in_bulk(leaves_: list[bytes], start: int, seen: set[int]) -> dict:
    ledger = TOOL.Ledger()
    ledger.entry_ids.update(seen)
    ledger.add_leaves(start, leaves_)
    ledger.finish()
    return vars(ledger)


# --- The usual shape is read as json.loads reads it ------------------------------------------


@QUICK
@given(usual_entries())
def test_the_usual_shape_is_read_as_the_json_decoder_reads_it(entry):
    leaf = canonical(entry)
    for shape in (TOOL._ENTRY_LINES, TOOL._ENTRY_LINES_PLAIN):
        [(_, entry_id, debit, minus, digits, credit)] = shape.findall(leaf)
        assert int(entry_id) == entry["entry_id"]
        amount = -int(digits) if minus else int(digits)
        postings = [(debit.decode(), amount), (credit.decode(), -amount)]
        assert postings == [(p["account"], p["amount"]) for p in entry["postings"]]
    ledger = TOOL.Ledger()
    ledger.add(0, leaf, None)
    assert ledger.problems == []  # what the fast path takes, the exact path accepts


@QUICK
@given(st.lists(leaves(), max_size=14), st.integers(0, 10**6), st.sets(SMALL_IDS, max_size=3))
def test_leaves_in_bulk_end_as_one_by_one(leaves_, start, seen):
    assert in_bulk(leaves_, start, seen) == one_by_one(leaves_, start, seen)


USUAL = {
    "campaign_id": 7,
    "created_at": "2026-05-01T03:04:05.123456Z",
    "entry_id": 42,
    "kind": "donation_settled",
    "memo": "Donasi GTG-7-1A2B",
    "order_id": "GTG-7-1A2B",
    "postings": [
        {"account": "gateway:midtrans:clearing:7", "amount": 50000},
        {"account": "campaign:7:funds", "amount": -50000},
    ],
}


def posting(account: str, amount: object) -> list[dict]:
    return [USUAL["postings"][0], {"account": account, "amount": amount}]


@pytest.mark.parametrize(
    "leaf",
    [
        json.dumps(USUAL).encode(),
        canonical(USUAL).replace(b'"entry_id":42', b'"entry_id":-0'),
        canonical(USUAL | {"memo": "kopi é"}).replace("é".encode(), b"\\u00e9"),
        canonical(USUAL | {"memo": 'a "quoted" memo'}),
        canonical(USUAL | {"kind": "delivery_confirmed"}),
        canonical(USUAL | {"kind": "info_status_changed"}),
        canonical(USUAL | {"postings": posting("campaign:8:funds", -50000)}),
        canonical(USUAL | {"postings": posting("campaign:7:funds", -49999)}),
        canonical(USUAL | {"postings": posting("campaign:7:funds", 50000)}),
        canonical(USUAL | {"postings": [*USUAL["postings"], USUAL["postings"][0]]}),
        canonical(USUAL | {"postings": posting("campaign:7:funds", True)}),
        canonical(USUAL | {"campaign_id": None, "postings": posting("campaign:None:funds", -5)}),
        canonical(USUAL | {"entry_id": 10**18}),
        canonical(USUAL | {"created_at": None}),
        canonical({k: v for k, v in USUAL.items() if k != "memo"}),
    ],
)
def test_a_leaf_near_the_usual_shape_takes_the_exact_path(leaf):
    """Not in the usual shape (not canonical, not an entry, not two opposite postings, the
    campaign not an integer, an id of 19 digits): left to `add`, which decides."""
    assert TOOL._ENTRY_LINES.findall(leaf)[0][1] == b""
    usual = canonical(USUAL)
    block = [usual, leaf, canonical(USUAL | {"entry_id": 43})]
    assert in_bulk(block, 0, set()) == one_by_one(block, 0, set())


def test_a_repeated_entry_id_is_named_where_it_repeats():
    block = [canonical(USUAL | {"entry_id": n}) for n in (1, 2, 3, 2, 4)]
    assert in_bulk(block, 10, {4})["problems"] == [
        "leaf 13: entry id 2 is invalid or repeated",
        "leaf 14: entry id 4 is invalid or repeated",
    ]
    assert in_bulk(block, 10, {4}) == one_by_one(block, 10, {4})


# --- A dump read in blocks, and in two halves, as line by line ------------------------------


def dump_lines(leaves_: list[bytes], shapes: list[int]) -> list[str]:
    lines = []
    for index, (leaf, shape) in enumerate(zip(leaves_, shapes, strict=True)):
        text = base64.b64encode(leaf).decode()
        lines.append(
            [
                f'{{"leaf":"{text}","leaf_index":{index}}}\n',
                json.dumps({"leaf_index": index, "leaf": text}) + "\n",
                f'{{"leaf":"{text}","leaf_index":{index}}}\r\n',
                f'{{ "leaf_index" : {index} , "leaf" : "{text}" }}\n',
                json.dumps({"leaf": text, "leaf_index": index, "data": None}) + "\n",
            ][shape]
        )
    return lines


DAMAGE = [
    lambda lines, at: lines.insert(at, "\n"),
    lambda lines, at: lines.pop(at),
    lambda lines, at: lines.insert(at, lines[at]),
    lambda lines, at: lines.__setitem__(at, lines[at].replace('"leaf_index":', '"leaf_index":1')),
    lambda lines, at: lines.__setitem__(at, f'{{"leaf":"e=yJ9","leaf_index":{at}}}\n'),
    lambda lines, at: lines.__setitem__(at, "not json\n"),
    lambda lines, at: lines.__setitem__(at, lines[at].replace("A", "-", 1)),
    lambda lines, at: lines.__setitem__(at, lines[at].rstrip("\n")),
]


def outcome(check) -> object:
    try:
        tree, ledger, root = check()
    except (TOOL.VerificationFailed, TOOL.CannotRun) as exc:
        return type(exc).__name__, str(exc)
    return tree.root(), tree.size, root, vars(ledger)


@contextlib.contextmanager
def run_as_a_script(read_size: int = TOOL.READ_SIZE) -> Iterator[None]:
    """The tool importable by name, as when `python verify_log.py` runs (so that the second
    process finds it), halves for a dump of any size, blocks of `read_size` bytes."""
    default_read, default_min = TOOL.READ_SIZE, TOOL.PARALLEL_MIN_BYTES
    TOOL.READ_SIZE, TOOL.PARALLEL_MIN_BYTES = read_size, 0
    sys.modules["verify_log"] = TOOL
    sys.path.insert(0, str(VERIFY_LOG.parent))
    try:
        yield
    finally:
        sys.path.remove(str(VERIFY_LOG.parent))
        del sys.modules["verify_log"]
        TOOL.READ_SIZE, TOOL.PARALLEL_MIN_BYTES = default_read, default_min


def all_outcomes(
    path: Path, size: int, saved: dict | None, read_size: int, *, halves: bool
) -> list[object]:
    """Line by line, in blocks, and (with `halves`) in two processes."""
    exact = [TOOL.Block(None, [], lambda: TOOL.file_entries(path))]
    with run_as_a_script(read_size):
        checks = [
            lambda: TOOL.entries_check(exact, size, saved),
            lambda: TOOL.entries_check(TOOL.file_blocks(path), size, saved),
        ]
        if halves:
            checks.append(lambda: TOOL.file_check(path, size, saved))
        return [outcome(check) for check in checks]


@st.composite
def damaged_dumps(draw) -> tuple[list[str], int, dict | None, int]:
    """Lines of a dump of any leaves in any line shapes, perhaps damaged; the signed size, the
    saved head, the block size."""
    leaves_ = draw(st.lists(leaves(), min_size=1, max_size=24))
    count = len(leaves_)
    shapes = draw(st.lists(st.sampled_from([0, 0, 0, 1, 2, 3, 4]), min_size=count))
    lines = dump_lines(leaves_, shapes[:count])
    for damage in draw(st.lists(st.sampled_from(DAMAGE), max_size=2)):
        if lines:
            damage(lines, draw(st.integers(0, len(lines) - 1)))
    size = count + draw(st.sampled_from([0, 0, 0, -1, 1]))
    saved = draw(st.one_of(st.none(), st.builds(dict, tree_size=st.integers(0, count + 1))))
    return lines, size, saved, draw(st.sampled_from([1, 200, 700, 1 << 22]))


REGULAR_LEAVES = st.one_of(
    st.lists(usual_entries(), min_size=1, max_size=30, unique_by=lambda e: e["entry_id"]),
    st.lists(usual_entries(), min_size=1, max_size=30),
).map(lambda entries: [canonical(entry) for entry in entries])


@st.composite
def regular_dumps(draw) -> tuple[list[str], int, dict | None, int]:
    """As damaged_dumps, every line in the usual shape: halves are taken unless an id is in
    both."""
    leaves_ = draw(REGULAR_LEAVES)
    others = st.lists(st.sampled_from([DELIVERY, INFO]), max_size=2, unique_by=lambda o: o["kind"])
    for other in draw(others):
        leaves_.insert(draw(st.integers(0, len(leaves_))), canonical(other))
    lines = dump_lines(leaves_, [draw(st.sampled_from([0, 1]))] * len(leaves_))
    saved = draw(st.one_of(st.none(), st.builds(dict, tree_size=st.integers(0, 40))))
    return lines, len(leaves_), saved, draw(st.sampled_from([1, 500, 1 << 22]))


def same_outcomes(tmp_path: Path, dump: tuple, *, halves: bool) -> None:
    lines, size, saved, read_size = dump
    path = tmp_path / "dump.jsonl"
    path.write_text("".join(lines))
    exact, *others = all_outcomes(path, size, saved, read_size, halves=halves)
    assert others == [exact] * len(others)


@QUICK
@given(st.one_of(damaged_dumps(), regular_dumps()))
def test_a_dump_in_blocks_ends_as_line_by_line(tmp_path, dump):
    same_outcomes(tmp_path, dump, halves=False)


@settings(QUICK, max_examples=50)  # a second Python process each
@given(st.one_of(damaged_dumps(), regular_dumps(), regular_dumps()))
def test_a_dump_in_halves_ends_as_line_by_line(tmp_path, dump):
    same_outcomes(tmp_path, dump, halves=True)


def regular_dump(path: Path, entry_ids: list[int]) -> tuple[int, bytes]:
    leaves_ = [canonical(USUAL | {"entry_id": n}) for n in entry_ids]
    path.write_text("".join(dump_lines(leaves_, [0] * len(leaves_))))
    return len(leaves_), merkle.root_hash([merkle.leaf_hash(leaf) for leaf in leaves_])


def test_a_regular_dump_is_checked_in_halves(tmp_path):
    size, root = regular_dump(tmp_path / "dump.jsonl", list(range(1, 1001)))
    with run_as_a_script():
        halves = TOOL._file_check_halves(tmp_path / "dump.jsonl", size, 700)
    assert halves is not None
    tree, ledger, at_saved = halves
    assert tree.root() == root
    assert at_saved == merkle.root_hash(
        [merkle.leaf_hash(canonical(USUAL | {"entry_id": n})) for n in range(1, 701)]
    )
    assert ledger.postings == 2000
    assert ledger.balances["campaign:7:funds"] == -50_000_000
    exact, _, in_halves = all_outcomes(
        tmp_path / "dump.jsonl", size, {"tree_size": 700}, 1 << 22, halves=True
    )
    assert in_halves == exact


def test_an_entry_in_both_halves_is_named_by_the_one_pass(tmp_path):
    ids = list(range(1, 1001))
    ids[900] = 3
    size, _ = regular_dump(tmp_path / "dump.jsonl", ids)
    with run_as_a_script():
        assert TOOL._file_check_halves(tmp_path / "dump.jsonl", size, -1) is None
        _, ledger, _ = TOOL.file_check(tmp_path / "dump.jsonl", size, None)
    assert ledger.problems == ["leaf 900: entry id 3 is invalid or repeated"]


def test_without_a_second_process_it_is_one_pass(tmp_path):
    """Imported under a name no new process can import: one pass, the same outcome."""
    size, root = regular_dump(tmp_path / "dump.jsonl", list(range(1, 1001)))
    default_min, TOOL.PARALLEL_MIN_BYTES = TOOL.PARALLEL_MIN_BYTES, 0
    try:
        assert TOOL._file_check_halves(tmp_path / "dump.jsonl", size, -1) is None
        tree, _, _ = TOOL.file_check(tmp_path / "dump.jsonl", size, None)
    finally:
        TOOL.PARALLEL_MIN_BYTES = default_min
    assert tree.root() == root


# --- The tree, level by level ----------------------------------------------------------------


@QUICK
@given(st.integers(0, 300), st.lists(st.integers(1, 70), max_size=12))
def test_subtrees_pushed_give_the_tree_appended_leaf_by_leaf(count, cuts):
    hashes = [hashlib.sha256(b"%d" % i).digest() for i in range(count)]
    appended, pushed, done = TOOL.Tree(), TOOL.Tree(), 0
    for h in hashes:
        appended.append(h)
    for cut in [*cuts, count]:
        upto = min(count, done + cut)
        pushed.push(TOOL.subtrees(done, hashes[done:upto]))
        done = upto
    assert (pushed.size, pushed.edge, pushed.root()) == (count, appended.edge, appended.root())
    assert pushed.root() == merkle.root_hash(hashes)
