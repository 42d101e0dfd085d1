#!/usr/bin/env python3
"""Verify Gotong's transparency log on your own computer, trusting nothing the server says.

    python verify_log.py https://gotong.example.org
    python verify_log.py https://gotong.example.org --state ~/gotong-state.json
    python verify_log.py --entries-file dump.jsonl --head-file head.json   # offline
    python verify_log.py https://gotong.example.org --receipt GTG-7-0123456789ABCDEF
    python verify_log.py https://gotong.example.org --delivery 31
    python verify_log.py https://gotong.example.org --info 9

It downloads the latest signed tree head and every log entry, then checks that:

1. the head's Ed25519 signature is valid, over the bytes
   {"root_hash":"<hex>","timestamp":<ms>,"tree_size":<n>} (keys sorted, no spaces, UTF-8), with
   the key you pinned (--public-key) or the one saved from your previous run;
2. the entries hash to the signed root (RFC 6962 Merkle tree, SHA-256), so none was changed,
   removed, added or reordered since the head was signed;
3. the log only grew since your previous run (the head saved in the state file): the server's
   consistency proof verifies (RFC 9162 §2.1.4.2), and the first leaves still hash to the old
   root;
4. every entry is well formed, canonically encoded, unique, and its postings sum to zero,
   every confirmed delivery of goods is well formed, canonically encoded, and logged once per
   pledge, and every change in a help-information post's status history is well formed,
   canonically encoded and logged once;

and prints each campaign's balance (campaign:<id>:funds) re-derived from the entries, and the
goods delivered per item. After a successful run it saves the head to the state file, so the
next run can tell whether history was rewritten in between.

With --receipt ORDER_ID it checks one e-kuitansi instead: the receipt's leaf is that order's
settlement of that amount, its inclusion proof leads to the root of its signed head (RFC 9162
§2.1.3.2), and that head is a prefix of the log's latest signed head (consistency proof).
With --delivery PLEDGE_ID it checks one confirmed delivery of goods the same way.
With --info POST_ID it checks one help-information post's public status history: every change
the post's page and API show (who, by role, moved it from what to what, when, why, with what
evidence) is the leaf the log sealed for it, byte for byte, each leaf is included under the
signed head, and no sealed change is missing from the history shown. A change made after the
latest seal is reported as not sealed yet.

Exit status: 0 verified, 1 verification failed, 2 could not run.

Needs Python 3.11+ and the `cryptography` package only. Deliberately one self-contained file,
independent of the Gotong code base, so it can be read and audited on its own.

Speed, for a dump (--entries-file): `Ledger.add` checks one leaf, `entries_check`'s second loop
one line. Blocks of lines in the usual shape (_DUMP_LINES) and entries in the usual shape
(_ENTRY_LINES: only leaves `add` would accept without a problem) are checked in bulk, a regex
per block, and anything else (a line or leaf in another shape, a repeated id, a wrong index)
goes through the one-at-a-time checks, which then say what is wrong. A dump of 64 MB or more is
read by two processes, one half each (the second one runs this file again: multiprocessing's
"spawn"); unless both halves are regular, the pass in one process runs instead. The outcome is
the same either way (tests/transparency/test_verify_log_fast_path.py).
"""

from __future__ import annotations

import argparse
import base64
import binascii
import datetime
import hashlib
import http.client
import io
import json
import multiprocessing
import os
import re
import sys
import tempfile
import time
import urllib.parse
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, NamedTuple

try:
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
except ImportError:  # pragma: no cover - depends on the user's machine
    sys.exit("verify_log.py needs the `cryptography` package: pip install cryptography")

DEFAULT_STATE = Path("~/.gotong-verify-log.json").expanduser()
PAGE_SIZE = 1000
LEAF_KEYS = {"entry_id", "kind", "created_at", "memo", "campaign_id", "order_id", "postings"}
DELIVERY_KIND = "delivery_confirmed"
DELIVERY_KEYS = {
    "kind",
    "pledge_id",
    "need_id",
    "item",
    "quantity",
    "unit",
    "desa_code",
    "confirmed_at",
}
INFO_KIND = "info_status_changed"
INFO_KEYS = {
    "kind",
    "change_id",
    "post_id",
    "event",
    "from_status",
    "to_status",
    "role",
    "reason_sha256",
    "evidence_sha256",
    "created_at",
}
HEX64 = re.compile(r"[0-9a-f]{64}")
DESA_CODE = re.compile(r"[0-9]{2}\.[0-9]{2}\.[0-9]{2}\.[0-9]{4}")  # Kemendagri, e.g. 73.71.07.1001
UTC_TIME = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{6}Z")
UTC_MILLIS = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{3}Z")
MAX_PROBLEMS_SHOWN = 20


class VerificationFailed(Exception):
    """The log is not what it claims to be."""


class CannotRun(Exception):
    """Network, file or usage trouble: nothing was verified."""


# --- Merkle tree (RFC 6962 §2.1) ---------------------------------------------------------------


_sha256 = hashlib.sha256


def _node(left: bytes, right: bytes) -> bytes:
    return _sha256(b"\x01" + left + right).digest()


class Tree:
    """Leaf hashes folded into the right edge of the tree: O(log n) memory for any size."""

    def __init__(self) -> None:
        self.size = 0
        self.edge: list[bytes] = []  # complete subtrees, largest first

    def append(self, leaf_hash: bytes) -> None:
        edge, node, size = self.edge, leaf_hash, self.size
        while size & 1:
            node = _sha256(b"\x01" + edge.pop() + node).digest()
            size >>= 1
        edge.append(node)
        self.size += 1

    def push(self, nodes: Iterable[tuple[int, bytes]]) -> None:
        """Append complete subtrees, each (height, root) of the next 2**height leaves, the size
        being a multiple of 2**height (as `subtrees` gives them)."""
        edge = self.edge
        for height, node in nodes:
            size = self.size >> height
            while size & 1:
                node = _sha256(b"\x01" + edge.pop() + node).digest()
                size >>= 1
            edge.append(node)
            self.size += 1 << height

    def root(self) -> bytes:
        if not self.edge:
            return hashlib.sha256(b"").digest()
        acc = self.edge[-1]
        for left in reversed(self.edge[:-1]):
            acc = _node(left, acc)
        return acc


def subtrees(start: int, leaf_hashes: list[bytes]) -> Iterator[tuple[int, bytes]]:
    """The hashes of leaves start, start + 1, … as complete subtrees, (height, root) in order:
    each as large as the leaves reach and its position allows (a multiple of its size), hashed
    level by level, pairs by pairs."""
    sha, done, count = _sha256, 0, len(leaf_hashes)
    while done < count:
        at = start + done
        height = min((at & -at or 1 << 62).bit_length(), (count - done).bit_length()) - 1
        level = leaf_hashes[done : done + (1 << height)]
        while len(level) > 1:
            pairs = iter(level)
            level = [
                sha(b"\x01" + left + right).digest()
                for left, right in zip(pairs, pairs, strict=False)
            ]
        yield height, level[0]
        done += 1 << height


def consistency_valid(
    first: int, second: int, first_root: bytes, second_root: bytes, proof: list[bytes]
) -> bool:
    """RFC 9162 §2.1.4.2."""
    if not 0 < first <= second:
        return False
    if first == second:
        return not proof and first_root == second_root
    if not proof:
        return False
    path = [first_root, *proof] if first & (first - 1) == 0 else list(proof)
    fn, sn = first - 1, second - 1
    while fn & 1:
        fn, sn = fn >> 1, sn >> 1
    fr = sr = path[0]
    for c in path[1:]:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            fr, sr = _node(c, fr), _node(c, sr)
            while fn and not fn & 1:
                fn, sn = fn >> 1, sn >> 1
        else:
            sr = _node(sr, c)
        fn, sn = fn >> 1, sn >> 1
    return sn == 0 and fr == first_root and sr == second_root


def inclusion_valid(
    leaf_hash: bytes, index: int, size: int, path: list[bytes], root: bytes
) -> bool:
    """RFC 9162 §2.1.3.2."""
    if not 0 <= index < size:
        return False
    fn, sn, r = index, size - 1, leaf_hash
    for p in path:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            r = _node(p, r)
            while fn and not fn & 1:
                fn, sn = fn >> 1, sn >> 1
        else:
            r = _node(r, p)
        fn, sn = fn >> 1, sn >> 1
    return sn == 0 and r == root


# --- Sources: HTTP or files --------------------------------------------------------------------


class HttpLog:
    """The log's JSON endpoints over one kept-alive connection."""

    def __init__(self, base_url: str, page_size: int) -> None:
        parsed = urllib.parse.urlsplit(base_url.rstrip("/"))
        if parsed.scheme not in {"http", "https"} or not parsed.hostname:
            raise CannotRun(f"not an http(s) URL: {base_url!r}")
        self.parsed, self.prefix = parsed, parsed.path + "/transparency/log"
        self.page_size = page_size
        self.conn: http.client.HTTPConnection | None = None

    def _connect(self) -> http.client.HTTPConnection:
        cls = (
            http.client.HTTPSConnection
            if self.parsed.scheme == "https"
            else http.client.HTTPConnection
        )
        return cls(self.parsed.hostname or "", self.parsed.port, timeout=60)

    def _fetch(self, url: str) -> tuple[int, bytes]:
        """GET on the kept-alive connection; reconnects and retries twice on network errors."""
        for attempt in range(3):
            try:
                if self.conn is None:
                    self.conn = self._connect()
                self.conn.request("GET", url, headers={"Accept": "application/json"})
                response = self.conn.getresponse()
                return response.status, response.read()
            except (OSError, http.client.HTTPException) as exc:
                if self.conn is not None:
                    self.conn.close()
                self.conn = None
                if attempt == 2:
                    raise CannotRun(f"GET {url}: {exc}") from exc
                time.sleep(1 + attempt)
        raise AssertionError("unreachable")

    def get(self, path: str, **params: int) -> Any:
        query = f"?{urllib.parse.urlencode(params)}" if params else ""
        return self.get_url(f"{self.prefix}/{path}{query}")

    def get_url(self, url: str, *, missing: str | None = None) -> Any:
        """GET a path of the site (already quoted) and decode its JSON; a 404 is `missing`."""
        status, body = self._fetch(url)
        if status == 404 and missing is not None:
            raise CannotRun(missing)
        if status != 200:
            raise CannotRun(f"GET {url}: HTTP {status}: {body[:300]!r}")
        try:
            return json.loads(body)
        except ValueError as exc:
            raise CannotRun(f"GET {url}: the answer is not JSON") from exc

    def head(self) -> dict[str, Any]:
        return self.get("head")

    def receipt(self, order_id: str) -> dict[str, Any]:
        quoted = urllib.parse.quote(order_id, safe="")
        return self.get_url(f"{self.parsed.path}/kuitansi/{quoted}.json")

    def delivery(self, pledge_id: int) -> dict[str, Any]:
        return self.get_url(
            f"{self.prefix}/delivery?pledge_id={pledge_id}",
            missing=f"pledge {pledge_id} is not in the log yet (not confirmed, or not sealed); "
            "try again later",
        )

    def info(self, post_id: int) -> tuple[dict[str, Any], dict[str, Any]]:
        """The post's public record (API) and its sealed history leaves with their proofs."""
        post = self.get_url(
            f"{self.parsed.path}/api/v1/info/{post_id}", missing=f"there is no info post {post_id}"
        )
        sealed = self.get_url(
            f"{self.prefix}/info?post_id={post_id}", missing="the log has no signed head yet"
        )
        if not isinstance(post, dict) or not isinstance(sealed, dict):
            raise VerificationFailed("the post's or the log's answer is not a JSON object")
        return post, sealed

    def entries(self, size: int) -> Iterator[tuple[int, bytes, Any]]:
        """(leaf_index, leaf bytes, the `data` the server sent) for leaves 0..size-1."""
        start = 0
        while start < size:
            end = min(size - 1, start + self.page_size - 1)
            page = self.get("entries", start=start, end=end).get("entries")
            if not isinstance(page, list) or not page:
                raise VerificationFailed(f"the log returned no entries from {start} to {end}")
            for item in page:
                yield item.get("leaf_index"), _b64(item.get("leaf"), "leaf"), item.get("data")
            start += len(page)

    def consistency(self, first: int, second: int) -> list[bytes]:
        proof = self.get("proof/consistency", first=first, second=second).get("proof")
        if not isinstance(proof, list):
            raise VerificationFailed("the consistency proof is not a list")
        return [_hex32(h, "consistency proof") for h in proof]


# A dump line as this tool and the server write it, in either key order: read without a JSON
# decoder. Base64 needs no JSON escapes, so a match means exactly what json.loads would return;
# any other line goes through the decoder.
_B64, _INDEX = rb'"([A-Za-z0-9+/]*={0,2})"', rb"(0|[1-9][0-9]{0,17})"
_DUMP_LINE = re.compile(
    rb'\{(?:"leaf": ?'
    + _B64
    + rb', ?"leaf_index": ?'
    + _INDEX
    + rb'|"leaf_index": ?'
    + _INDEX
    + rb', ?"leaf": ?'
    + _B64
    + rb")\}[ \t\r\n]*"
)
# The same two shapes, one line each, to read a whole block of lines at once.
_DUMP_LINES = (
    (re.compile(rb'^\{"leaf": ?' + _B64 + rb', ?"leaf_index": ?' + _INDEX + rb"\}\r?$", re.M), 0),
    (re.compile(rb'^\{"leaf_index": ?' + _INDEX + rb', ?"leaf": ?' + _B64 + rb"\}\r?$", re.M), 1),
)
READ_SIZE = 1 << 22


class Block(NamedTuple):
    """Leaves as `entries_check` takes them. `start` is not None when the source read them in
    the usual shape: `leaves` are leaves start, start + 1, … in order, without `data`. `items()`
    always reads them exactly as (leaf_index, leaf, data), and is the only reading without
    `start`; it is what the checks fall back to when the usual shape does not hold."""

    start: int | None
    leaves: list[bytes]
    items: Callable[[], Iterator[tuple[Any, bytes, Any]]]


def file_entries(path: Path) -> Iterator[tuple[int, bytes, Any]]:
    """A JSONL dump: one {"leaf_index": i, "leaf": "<base64>"} per line (as --save-entries)."""
    try:
        with path.open("rb") as lines:
            yield from _dump_lines(path, lines, 1)
    except OSError as exc:
        raise CannotRun(f"cannot read {path}: {exc}") from exc


def file_blocks(path: Path, lo: int = 0, hi: int | None = None) -> Iterator[Block]:
    """The dump of `file_entries` (bytes lo … hi of it, both at the start of a line), read
    READ_SIZE bytes at a time, each block of whole lines parsed at once when every line has the
    usual shape. Lines are numbered from the first one read."""
    left = -1 if hi is None else hi - lo
    try:
        with path.open("rb") as dump:
            dump.seek(lo)
            number, rest = 1, b""
            while chunk := dump.read(READ_SIZE if left < 0 else min(READ_SIZE, left)):
                left -= len(chunk)
                chunk = rest + chunk
                cut = chunk.rfind(b"\n") + 1
                rest = chunk[cut:]
                if cut:
                    lines = chunk.count(b"\n", 0, cut)
                    yield _dump_block(path, chunk[:cut], number, lines)
                    number += lines
            if rest:
                yield _dump_block(path, rest, number, 1)
    except OSError as exc:
        raise CannotRun(f"cannot read {path}: {exc}") from exc


def _dump_block(path: Path, block: bytes, number: int, lines: int) -> Block:
    """`lines` lines of the dump from line `number` on: parsed in bulk when they all match one
    of _DUMP_LINES and are numbered in order, else only readable line by line (`items`)."""

    def items() -> Iterator[tuple[Any, bytes, Any]]:
        return _dump_lines(path, io.BytesIO(block), number)

    for shape, leaf_at in _DUMP_LINES:  # noqa: B007 - the shape found is used below
        found = shape.findall(block)
        if len(found) == lines:
            break
    else:
        return Block(None, [], items)
    indexes = [match[1 - leaf_at] for match in found]
    start = int(indexes[0])
    if list(map(int, indexes)) != list(range(start, start + lines)):
        return Block(None, [], items)
    try:
        leaves = list(map(binascii.a2b_base64, [match[leaf_at] for match in found]))
    except binascii.Error:  # bad padding: `items` says so at its line
        return Block(None, [], items)
    return Block(start, leaves, items)


def _dump_lines(path: Path, lines: Iterable[bytes], first: int) -> Iterator[tuple[Any, bytes, Any]]:
    """(leaf_index, leaf, data) of each dump line, `first` being the number of the first."""
    fast = _DUMP_LINE.fullmatch
    a2b = binascii.a2b_base64
    for number, line in enumerate(lines, first):
        match = fast(line)
        if match is not None:
            leaf, index, index_first, leaf_second = match.groups()
            if index_first is not None:
                leaf, index = leaf_second, index_first
            try:
                raw = a2b(leaf)
            except binascii.Error:
                raw = _b64(leaf.decode(), "leaf")  # raises with the usual message
            yield int(index), raw, None
            continue
        if not line.strip():
            continue
        try:
            item = _decode(line.decode())
        except ValueError as exc:
            raise VerificationFailed(f"{path}:{number}: not JSON") from exc
        yield item.get("leaf_index"), _b64(item.get("leaf"), "leaf"), item.get("data")


def _b64(value: Any, what: str) -> bytes:
    try:
        return base64.b64decode(value, validate=True)
    except (TypeError, ValueError, binascii.Error) as exc:
        raise VerificationFailed(f"{what} is not base64: {str(value)[:60]!r}") from exc


def _hex32(value: Any, what: str) -> bytes:
    try:
        raw = bytes.fromhex(value)
    except (TypeError, ValueError) as exc:
        raise VerificationFailed(f"{what}: not hex: {str(value)[:80]!r}") from exc
    if len(raw) != 32:
        raise VerificationFailed(f"{what}: not a SHA-256 hash: {value!r}")
    return raw


# --- Checks ------------------------------------------------------------------------------------


# Built once: json.dumps/json.loads with options construct a new encoder on every call.
_encoder = json.JSONEncoder(sort_keys=True, separators=(",", ":"), ensure_ascii=False)
_encode = _encoder.encode
_decoder = json.JSONDecoder()
_scan = _decoder.scan_once


def _decode(text: str) -> Any:
    """json.loads(text), faster for text with nothing around the value (every leaf)."""
    try:
        value, end = _scan(text, 0)
    except StopIteration:
        return _decoder.decode(text)  # raises the decoder's own error
    return value if end == len(text) else _decoder.decode(text)


def _utf8(raw: bytes) -> bool:
    try:
        raw.decode()
    except UnicodeDecodeError:
        return False
    return True


def canonical(obj: Any) -> bytes:
    return _encode(obj).encode()


def _fast_canonical() -> Any:
    """`canonical` through CPython's C encoder built once (what `_encode` builds on every call),
    if this Python has it and it gives the same bytes on a sample leaf; else `canonical`."""
    make = getattr(json.encoder, "c_make_encoder", None)
    try:
        chunks = make(
            None,
            _encoder.default,
            json.encoder.encode_basestring,
            None,
            ":",
            ",",
            True,
            False,
            True,
        )
    except TypeError:
        return canonical
    sample = {"b": [1, -2, {"z": "é\n", "a": None}], "a": True, "ç": "\u2028"}
    try:
        if "".join(chunks(sample, 0)).encode() != canonical(sample):
            return canonical
    except (TypeError, ValueError):
        return canonical
    return lambda obj: "".join(chunks(obj, 0)).encode()


_canonical_leaf = _fast_canonical()


def head_check(head: Any, pinned_key: str | None) -> None:
    """Field types, then the Ed25519 signature over the documented bytes."""
    if not isinstance(head, dict):
        raise VerificationFailed("the tree head is not a JSON object")
    for name in ("tree_size", "timestamp"):
        value = head.get(name)
        if type(value) is not int or value < 0:
            raise VerificationFailed(f"tree head: {name} is not a non-negative integer")
    root = head.get("root_hash")
    _hex32(root, "tree head root_hash")
    if not isinstance(root, str) or root != root.lower():
        raise VerificationFailed("tree head: root_hash must be lowercase hex")
    key = head.get("public_key")
    if pinned_key is not None and key != pinned_key:
        raise VerificationFailed(
            f"the log is signed with key {key}, not the key you trust ({pinned_key})"
        )
    message = canonical(
        {"tree_size": head["tree_size"], "timestamp": head["timestamp"], "root_hash": root}
    )
    try:
        public = Ed25519PublicKey.from_public_bytes(_b64(key, "public_key"))
        public.verify(_b64(head.get("signature"), "signature"), message)
    except (InvalidSignature, ValueError) as exc:
        raise VerificationFailed(
            "the tree head's signature is INVALID: it was not signed by the log's key"
        ) from exc


def delivery_problem(delivery: dict[str, Any]) -> str | None:
    """What is wrong with a decoded delivery leaf, or None: exactly the documented fields, ids
    and a quantity that are positive integers, a desa code, a UTC time."""
    if set(delivery) != DELIVERY_KEYS:
        return "unexpected fields"
    if not all(
        type(delivery[key]) is int and delivery[key] > 0
        for key in ("pledge_id", "need_id", "quantity")
    ):
        return "pledge_id, need_id and quantity must be positive integers"
    if not all(isinstance(delivery[key], str) and delivery[key] for key in ("item", "unit")):
        return "item and unit must be words"
    if not isinstance(delivery["desa_code"], str) or not DESA_CODE.fullmatch(delivery["desa_code"]):
        return f"{str(delivery['desa_code'])[:40]!r} is not a desa code"
    if not isinstance(delivery["confirmed_at"], str) or not UTC_TIME.fullmatch(
        delivery["confirmed_at"]
    ):
        return "confirmed_at is not a UTC time"
    return None


def info_problem(change: dict[str, Any]) -> str | None:
    """What is wrong with a decoded info-history leaf, or None: exactly the documented fields,
    positive ids, words for the event, statuses and role, hex SHA-256 hashes, a UTC time."""
    if set(change) != INFO_KEYS:
        return "unexpected fields"
    if not all(type(change[key]) is int and change[key] > 0 for key in ("change_id", "post_id")):
        return "change_id and post_id must be positive integers"
    if not all(isinstance(change[key], str) for key in ("event", "from_status", "role")):
        return "event, from_status and role must be text"
    if not all(isinstance(change[key], str) and change[key] for key in ("event", "to_status")):
        return "event and to_status must be words"
    for key in ("reason_sha256", "evidence_sha256"):
        if not isinstance(change[key], str) or not HEX64.fullmatch(change[key]):
            return f"{key} is not a lowercase hex SHA-256"
    if not isinstance(change["created_at"], str) or not UTC_MILLIS.fullmatch(change["created_at"]):
        return "created_at is not a UTC time in milliseconds"
    return None


def _sha256_text(value: Any) -> str:
    return hashlib.sha256(str(value).encode("utf-8")).hexdigest()


def _utc_millis(value: Any) -> str:
    """An ISO 8601 time as an info-history leaf holds it: UTC, three fractional digits
    (truncated), `Z`."""
    try:
        moment = datetime.datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError as exc:
        raise VerificationFailed(f"{str(value)[:40]!r} is not an ISO 8601 time") from exc
    if moment.tzinfo is None:
        raise VerificationFailed(f"{str(value)[:40]!r} has no time zone")
    return moment.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


def info_leaf_of(post_id: int, row: Any) -> bytes:
    """The leaf the log must hold for one row of a post's public history (`/api/v1/info/<id>`)."""
    if not isinstance(row, dict) or type(row.get("id")) is not int:
        raise VerificationFailed("a history row of the post has no integer `id`")
    return canonical(
        {
            "kind": INFO_KIND,
            "change_id": row["id"],
            "post_id": post_id,
            "event": row.get("event"),
            "from_status": row.get("from_status"),
            "to_status": row.get("to_status"),
            "role": row.get("role"),
            "reason_sha256": _sha256_text(row.get("reason", "")),
            "evidence_sha256": _sha256_text(row.get("evidence", "")),
            "created_at": _utc_millis(row.get("at")),
        }
    )


# An entry leaf in the usual shape, one per line: canonical JSON of exactly the entry's fields,
# with strings that need no escape (so each is its UTF-8 bytes), integers of at most 18 digits,
# and two postings of opposite, non-zero amounts, any campaign account being the entry's own
# campaign's funds. A leaf that matches is one `Ledger.add` accepts with no problem but,
# perhaps, a repeated entry id. The last alternative matches any other line, so that `findall`
# gives one match per leaf, with an empty entry id for those not in the usual shape.
_ENTRY_SHAPE = rb"""^(?:
    \{"campaign_id":(?:(?P<campaign>%(int)s)|null)
    ,"created_at":"%(text)s"
    ,"entry_id":(%(int)s)
    ,"kind":"(?!delivery_confirmed"|info_status_changed")%(text)s"
    ,"memo":"%(text)s"
    ,"order_id":(?:"%(text)s"|null)
    ,"postings":\[
        \{"account":"((?!campaign:)%(text)s|campaign:(?P=campaign):funds)"
        ,"amount":(?P<minus>-)?(?P<digits>[1-9][0-9]{0,17})\}
        ,\{"account":"((?!campaign:)%(text)s|campaign:(?P=campaign):funds)"
        ,"amount":(?(minus)|-)(?P=digits)\}
    \]\}
  |.*)$"""
_INT = rb"(?:0|-?[1-9][0-9]{0,17})"
_ENTRY_LINES = re.compile(_ENTRY_SHAPE % {b"int": _INT, b"text": rb'[^"\\\x00-\x1f]*'}, re.M | re.X)
# The same for leaves with no backslash or control character at all (`_PLAIN` deletes every
# other byte), where a string is anything up to the next quote: faster. A match that would run
# on into the next leaf (through the newline joining them) leaves fewer matches than leaves,
# which `add_leaves` takes as "not in the usual shape".
_ENTRY_LINES_PLAIN = re.compile(_ENTRY_SHAPE % {b"int": _INT, b"text": rb'[^"]*'}, re.M | re.X)
_PLAIN = bytes(range(0x20, 0x100)).replace(b"\\", b"")


class Ledger:
    """Re-derives every account's balance and the goods delivered from the leaves, and notes
    malformed entries and deliveries."""

    def __init__(self) -> None:
        self.balances: dict[str, int] = defaultdict(int)
        self.entry_ids: set[int] = set()
        self.pledge_ids: set[int] = set()
        self.goods: dict[tuple[str, str], int] = defaultdict(int)  # (item, unit) -> quantity
        self.change_ids: set[int] = set()
        self.problems: list[str] = []
        self.postings = 0
        # (debit, "-" or "", credit) -> the sum of the first posting's digits, by add_leaves
        self._bulk_moved: dict[tuple[bytes, bytes, bytes], int] = defaultdict(int)

    def add(self, index: int, leaf: bytes, data: Any) -> None:
        try:
            entry = _decode(leaf.decode())
        except ValueError:
            self.problems.append(f"leaf {index}: not JSON")
            return
        if data is not None and data != entry:
            self.problems.append(f"leaf {index}: `data` differs from the signed leaf bytes")
        if not isinstance(entry, dict):
            self.problems.append(f"leaf {index}: unexpected fields")
            return
        kind = entry.get("kind")
        if kind == DELIVERY_KIND:
            self._delivery(index, leaf, entry)
            return
        if kind == INFO_KIND:
            self._info(index, leaf, entry)
            return
        if entry.keys() != LEAF_KEYS:
            self.problems.append(f"leaf {index}: unexpected fields")
            return
        if _canonical_leaf(entry) != leaf:
            self.problems.append(f"leaf {index}: not canonical JSON (ambiguous encoding)")
        entry_id = entry["entry_id"]
        entry_ids = self.entry_ids
        if type(entry_id) is not int or entry_id in entry_ids:
            self.problems.append(f"leaf {index}: entry id {entry_id!r} is invalid or repeated")
        entry_ids.add(entry_id)
        postings = entry["postings"]
        if type(postings) is not list or len(postings) < 2:
            self.problems.append(f"leaf {index} (entry {entry_id}): fewer than two postings")
            return
        total, campaign_funds = 0, f"campaign:{entry['campaign_id']}:funds"
        for posting in postings:
            if type(posting) is dict:
                amount, account = posting.get("amount"), posting.get("account")
            else:
                amount = account = None
            if type(amount) is not int or amount == 0 or type(account) is not str:
                self.problems.append(f"leaf {index} (entry {entry_id}): malformed posting")
                return
            if account.startswith("campaign:") and account != campaign_funds:
                self.problems.append(
                    f"leaf {index} (entry {entry_id}): posts to {account} but belongs to "
                    f"campaign {entry['campaign_id']}"
                )
            total += amount
        if total != 0:
            self.problems.append(
                f"leaf {index} (entry {entry_id}): postings sum to {total:+d}, not zero"
            )
            return
        balances = self.balances
        for posting in postings:
            balances[posting["account"]] += posting["amount"]
        self.postings += len(postings)

    def add_leaves(self, start: int, leaves: list[bytes]) -> None:
        """`add(start + i, leaves[i], None)` for each leaf in order; entries in the usual shape
        (_ENTRY_LINES) in bulk, between the other leaves. One match per line of the leaves
        joined by newlines, so as many as there are leaves unless a leaf holds a newline (then
        more: _ENTRY_LINES matches no newline) or, with _ENTRY_LINES_PLAIN, a match runs on into
        the next leaf (then fewer; no leaf holds a newline there): either way, one by one."""
        joined = b"\n".join(leaves)
        if not (joined.isascii() or _utf8(joined)):
            found: list[tuple[bytes, ...]] = []
        elif len(joined.translate(None, _PLAIN)) == len(leaves) - 1:  # the newlines only
            found = _ENTRY_LINES_PLAIN.findall(joined)
        else:
            found = _ENTRY_LINES.findall(joined)
        if len(found) != len(leaves):
            for index, leaf in enumerate(leaves, start):
                self.add(index, leaf, None)
            return
        entry_ids = [match[1] for match in found]
        if b"" not in entry_ids:
            self._add_entries(start, leaves, found, entry_ids)
            return
        done = 0
        for at, entry_id in enumerate(entry_ids):
            if not entry_id:
                ids = entry_ids[done:at]
                self._add_entries(start + done, leaves[done:at], found[done:at], ids)
                self.add(start + at, leaves[at], None)
                done = at + 1
        self._add_entries(start + done, leaves[done:], found[done:], entry_ids[done:])

    def _add_entries(
        self,
        start: int,
        leaves: list[bytes],
        found: list[tuple[bytes, ...]],
        entry_ids: list[bytes],
    ) -> None:
        """Leaves that all match _ENTRY_LINES: nothing to note unless an entry id repeats, and
        then `add` notes it at its place."""
        ids = set(map(int, entry_ids))
        if len(ids) != len(leaves) or not ids.isdisjoint(self.entry_ids):
            for index, leaf in enumerate(leaves, start):
                self.add(index, leaf, None)
            return
        self.entry_ids |= ids
        moved = self._bulk_moved
        for _, _, debit, minus, digits, credit in found:
            moved[debit, minus, credit] += int(digits)
        self.postings += 2 * len(leaves)

    def finish(self) -> None:
        """Fold the amounts moved in bulk into `balances`."""
        for (debit, minus, credit), amount in self._bulk_moved.items():
            amount = -amount if minus else amount
            self.balances[debit.decode()] += amount
            self.balances[credit.decode()] -= amount
        self._bulk_moved.clear()

    def _delivery(self, index: int, leaf: bytes, delivery: dict[str, Any]) -> None:
        problem = delivery_problem(delivery)
        if problem is not None:
            self.problems.append(f"leaf {index} (delivery): {problem}")
            return
        pledge_id = delivery["pledge_id"]
        if _canonical_leaf(delivery) != leaf:
            self.problems.append(f"leaf {index}: not canonical JSON (ambiguous encoding)")
        if pledge_id in self.pledge_ids:
            self.problems.append(f"leaf {index}: pledge {pledge_id} is delivered twice")
            return
        self.pledge_ids.add(pledge_id)
        self.goods[delivery["item"], delivery["unit"]] += delivery["quantity"]

    def _info(self, index: int, leaf: bytes, change: dict[str, Any]) -> None:
        problem = info_problem(change)
        if problem is not None:
            self.problems.append(f"leaf {index} (info status change): {problem}")
            return
        if _canonical_leaf(change) != leaf:
            self.problems.append(f"leaf {index}: not canonical JSON (ambiguous encoding)")
        if change["change_id"] in self.change_ids:
            self.problems.append(f"leaf {index}: info change {change['change_id']} is repeated")
            return
        self.change_ids.add(change["change_id"])


def entries_check(
    blocks: Iterable[Block], size: int, saved: dict[str, Any] | None
) -> tuple[Tree, Ledger, bytes | None]:
    """Hash every leaf in order. Returns the tree, the ledger, and the root after the saved
    head's size (to compare with the saved root)."""
    tree, ledger = Tree(), Ledger()
    checkpoint = saved["tree_size"] if saved else -1
    root_at_checkpoint = None
    for start, leaves, items in blocks:
        if start == tree.size and start + len(leaves) <= size:
            root = _push(tree, _block_subtrees(start, leaves, checkpoint))
            root_at_checkpoint = root_at_checkpoint if root is None else root
            ledger.add_leaves(start, leaves)
            continue
        for index, leaf, data in items():
            if index != tree.size:
                raise VerificationFailed(
                    f"expected leaf {tree.size}, got leaf {index!r}: an entry is missing or moved"
                )
            if index >= size:
                raise VerificationFailed(f"leaf {index} lies beyond the signed tree size {size}")
            tree.append(_sha256(b"\x00" + leaf).digest())
            ledger.add(index, leaf, data)
            if tree.size == checkpoint:
                root_at_checkpoint = tree.root()
    if tree.size != size:
        raise VerificationFailed(f"the head signs {size} leaves but only {tree.size} were served")
    ledger.finish()
    return tree, ledger, root_at_checkpoint


Subtrees = list[tuple[int, bytes] | None]  # `subtrees`, None where the saved head's size is


def _block_subtrees(start: int, leaves: list[bytes], checkpoint: int) -> Subtrees:
    hashes = [_sha256(b"\x00" + leaf).digest() for leaf in leaves]
    if not start < checkpoint <= start + len(leaves):
        return list(subtrees(start, hashes))
    cut = checkpoint - start
    return [*subtrees(start, hashes[:cut]), None, *subtrees(checkpoint, hashes[cut:])]


def _push(tree: Tree, nodes: Subtrees) -> bytes | None:
    """`tree.push(nodes)`; returns the root where the saved head's size is, if it is there."""
    cut = nodes.index(None) if None in nodes else len(nodes)
    tree.push(node for node in nodes[:cut] if node is not None)
    if cut == len(nodes):
        return None
    root = tree.root()
    tree.push(node for node in nodes[cut + 1 :] if node is not None)
    return root


def file_check(path: Path, size: int, saved: dict[str, Any] | None) -> tuple[Tree, Ledger, Any]:
    """`entries_check` of a dump file: on two cores when it can, one half each, if both halves
    turn out regular (see _range_check); else, or when they do not, in one pass."""
    checkpoint = saved["tree_size"] if saved else -1
    halves = _file_check_halves(path, size, checkpoint)
    return halves or entries_check(file_blocks(path), size, saved)


PARALLEL_MIN_BYTES = 1 << 26  # below 64 MB (~150,000 leaves) starting a second Python gains little


def _file_check_halves(path: Path, size: int, checkpoint: int) -> Any:
    """The dump's first half checked by a second process (a fresh Python running this file,
    safe however this one runs) while this one checks the second half; None unless both are
    regular, follow each other and reach `size`, with no id in both."""
    if (os.cpu_count() or 1) < 2:
        return None
    try:
        total = path.stat().st_size
        split = _line_start_after(path, total // 2) if total >= PARALLEL_MIN_BYTES else None
    except OSError:
        return None
    if split is None or split >= total:
        return None
    context = multiprocessing.get_context("spawn")
    receive, send = context.Pipe(duplex=False)
    worker = context.Process(
        target=_range_worker, args=(send, path, split, size, checkpoint), daemon=True
    )
    try:
        worker.start()
    except Exception:  # e.g. this file imported where a new process cannot find it: one pass
        receive.close()
        return None
    finally:
        send.close()
    try:
        second = _range_check(path, split, total, size, checkpoint)
        first = receive.recv() if second is not None else None
    except EOFError:  # the worker died: check in one pass
        first = None
    finally:
        worker.kill()  # done by now, unless its half is not needed
        worker.join()
        receive.close()
    if first is None or second is None or (first[0], second[0], second[1]) != (0, first[1], size):
        return None
    ledger, other = Ledger(), Ledger()
    ledger.__dict__.update(first[3])
    other.__dict__.update(second[3])
    for ids in ("entry_ids", "pledge_ids", "change_ids"):
        if not getattr(ledger, ids).isdisjoint(getattr(other, ids)):
            return None  # repeated: the pass in one process names the leaf
        getattr(ledger, ids).update(getattr(other, ids))
    for code, amount in other.balances.items():
        ledger.balances[code] += amount
    for goods, quantity in other.goods.items():
        ledger.goods[goods] += quantity
    ledger.postings += other.postings
    tree = Tree()
    return tree, ledger, _push(tree, first[2] + second[2])


def _line_start_after(path: Path, offset: int) -> int | None:
    with path.open("rb") as dump:
        dump.seek(offset)
        while chunk := dump.read(1 << 16):
            if (newline := chunk.find(b"\n")) >= 0:
                return offset + newline + 1
            offset += len(chunk)
    return None


def _range_worker(send: Any, path: Path, split: int, size: int, checkpoint: int) -> None:
    try:
        result = _range_check(path, 0, split, size, checkpoint)
    except Exception:  # whatever it is, the pass in one process reports it
        result = None
    send.send(result)
    send.close()


def _range_check(path: Path, lo: int, hi: int, size: int, checkpoint: int) -> Any:
    """Bytes lo … hi of the dump, if regular: every line in the usual shape, the leaves
    numbered on from the first one's index and below `size`, and nothing for the ledger to
    note. Then (first index, end index, their `Subtrees`, the ledger's state); else None."""
    ledger, nodes, first, end = Ledger(), [], None, None
    for start, leaves, _ in file_blocks(path, lo, hi):
        if start is None or (end is not None and start != end):
            return None
        first = start if first is None else first
        end = start + len(leaves)
        if end > size:
            return None
        nodes += _block_subtrees(start, leaves, checkpoint)
        ledger.add_leaves(start, leaves)
    if first is None or ledger.problems:
        return None
    ledger.finish()
    return first, end, nodes, vars(ledger)


# --- State file --------------------------------------------------------------------------------


def state_load(path: Path) -> dict[str, Any]:
    try:
        state = json.loads(path.read_text())
    except FileNotFoundError:
        return {"logs": {}}
    except (OSError, ValueError) as exc:
        raise CannotRun(f"cannot read the state file {path}: {exc}") from exc
    if not isinstance(state, dict) or not isinstance(state.get("logs"), dict):
        raise CannotRun(f"{path} is not a verify_log state file")
    return state


def state_save(path: Path, state: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    with os.fdopen(fd, "w") as out:
        json.dump(state, out, indent=2, sort_keys=True)
    os.replace(temp, path)


def history_check(
    saved: dict[str, Any], head: dict[str, Any], accept_new_key: bool
) -> tuple[int, bytes, bool]:
    """Compare with the head saved last time. Returns (saved size, saved root, proof needed)."""
    if saved["public_key"] != head["public_key"] and not accept_new_key:
        raise VerificationFailed(
            f"the log's signing key changed since your last run ({saved['public_key']} → "
            f"{head['public_key']}); rerun with --accept-new-key only if the operator announced "
            "a key change"
        )
    old_size, old_root = saved["tree_size"], bytes.fromhex(saved["root_hash"])
    if head["tree_size"] < old_size:
        raise VerificationFailed(
            f"the log SHRANK from {old_size} to {head['tree_size']} leaves since your last run"
        )
    if head["timestamp"] < saved["timestamp"]:
        raise VerificationFailed("the new tree head is older than the one saved last time")
    if head["tree_size"] == old_size and head["root_hash"] != saved["root_hash"]:
        raise VerificationFailed(
            f"same size ({old_size}) but a different root than last time: history was REWRITTEN"
        )
    return old_size, old_root, 0 < old_size < head["tree_size"]


def _logged_leaf(
    log: dict[str, Any], args: argparse.Namespace, say: Any, what: str
) -> tuple[dict[str, Any], Any, bytes, dict[str, Any]]:
    """The signed head (signature checked), leaf index, leaf bytes and decoded leaf of a leaf
    served with its proof (a receipt's `log`, a delivery)."""
    head: Any = log.get("tree_head")
    head_check(head, args.public_key)
    say(
        f"{what} head: {head['tree_size']} entries, signed {_when(head['timestamp'])}, signature OK"
    )
    leaf, index = _b64(log.get("leaf"), "leaf"), log.get("leaf_index")
    try:
        decoded = _decode(leaf.decode())
    except ValueError as exc:
        raise VerificationFailed(f"the {what}'s leaf is not JSON") from exc
    if not isinstance(decoded, dict) or canonical(decoded) != leaf:
        raise VerificationFailed(f"the {what}'s leaf is not a canonical log entry")
    return head, index, leaf, decoded


def _included(head: dict[str, Any], index: Any, leaf: bytes, log: dict[str, Any]) -> None:
    """The audit path leads from the leaf's hash to the head's signed root (RFC 9162
    §2.1.3.2)."""
    path = [_hex32(h, "audit path") for h in log.get("audit_path") or []]
    leaf_hash = hashlib.sha256(b"\x00" + leaf).digest()
    root = bytes.fromhex(head["root_hash"])
    if type(index) is not int or not inclusion_valid(
        leaf_hash, index, head["tree_size"], path, root
    ):
        raise VerificationFailed(
            f"the inclusion proof for leaf {index} does NOT lead to the signed root"
        )


def _latest_extends(
    source: HttpLog, head: dict[str, Any], args: argparse.Namespace, say: Any, what: str
) -> None:
    """The log's latest signed head extends `head` (consistency proof)."""
    size, root = head["tree_size"], bytes.fromhex(head["root_hash"])
    latest = source.head()
    head_check(latest, args.public_key or head["public_key"])
    if latest["tree_size"] < size or (
        latest["tree_size"] == size and latest["root_hash"] != head["root_hash"]
    ):
        raise VerificationFailed(f"the latest head does not extend the {what}'s head")
    if latest["tree_size"] > size:
        proof = source.consistency(size, latest["tree_size"])
        new_root = bytes.fromhex(latest["root_hash"])
        if not consistency_valid(size, latest["tree_size"], root, new_root, proof):
            raise VerificationFailed(
                f"the log's history since the {what} ({size} entries) was REWRITTEN: the "
                "consistency proof to the latest head does NOT verify"
            )
    say(f"the latest head ({latest['tree_size']} entries) extends the {what}'s head: OK")


def receipt_check(source: HttpLog, order_id: str, args: argparse.Namespace, say: Any) -> None:
    """One e-kuitansi against the log: its leaf, its inclusion proof, its signed head, and that
    head's consistency with the latest one."""
    receipt = source.receipt(order_id)
    log = receipt.get("log") if isinstance(receipt, dict) else None
    if not isinstance(log, dict):
        raise CannotRun(f"receipt {order_id} has no log proof yet (not sealed); try again later")
    head, index, leaf, entry = _logged_leaf(log, args, say, "receipt")
    if entry.get("kind") != "donation_settled" or entry.get("order_id") != order_id:
        raise VerificationFailed(
            f"leaf {index} is {entry.get('kind')} {entry.get('order_id')}, not the settlement "
            f"of {order_id}"
        )
    funds = f"campaign:{entry.get('campaign_id')}:funds"
    moved = [
        -p["amount"]
        for p in entry.get("postings") or []
        if isinstance(p, dict) and p.get("account") == funds
    ]
    if moved != [receipt.get("amount")]:
        raise VerificationFailed(
            f"the receipt says Rp {receipt.get('amount')}, the log entry moved {moved} into {funds}"
        )
    _included(head, index, leaf, log)
    say(f"leaf {index}: settlement of {order_id}, Rp {moved[0]:,} into {funds}; included: OK")
    _latest_extends(source, head, args, say, "receipt")
    say(f"RECEIPT VERIFIED: {order_id}, Rp {moved[0]:,}.")


def delivery_check(source: HttpLog, pledge_id: int, args: argparse.Namespace, say: Any) -> None:
    """One confirmed delivery of goods against the log, as a receipt: its leaf, its inclusion
    proof, its signed head, and that head's consistency with the latest one."""
    served = source.delivery(pledge_id)
    if not isinstance(served, dict):
        raise VerificationFailed("the delivery's answer is not a JSON object")
    head, index, leaf, delivery = _logged_leaf(served, args, say, "delivery")
    if delivery.get("kind") != DELIVERY_KIND or delivery.get("pledge_id") != pledge_id:
        raise VerificationFailed(
            f"leaf {index} is {delivery.get('kind')} of pledge {delivery.get('pledge_id')}, not "
            f"the delivery of pledge {pledge_id}"
        )
    problem = delivery_problem(delivery)
    if problem is not None:
        raise VerificationFailed(f"leaf {index}: malformed delivery: {problem}")
    _included(head, index, leaf, served)
    goods = f"{delivery['quantity']:,} {delivery['unit']} {delivery['item']}"
    say(
        f"leaf {index}: {goods} for need {delivery['need_id']} in desa {delivery['desa_code']}, "
        f"confirmed {delivery['confirmed_at']}; included: OK"
    )
    _latest_extends(source, head, args, say, "delivery")
    say(f"DELIVERY VERIFIED: pledge {pledge_id}, {goods} to desa {delivery['desa_code']}.")


def info_check(source: HttpLog, post_id: int, args: argparse.Namespace, say: Any) -> None:
    """One help-information post's public status history against the log: each sealed leaf is
    included under the signed head, and is exactly the history row shown for it; no sealed
    change is missing from what is shown; rows newer than the seal are reported."""
    post, sealed = source.info(post_id)
    history = post.get("history")
    leaves = sealed.get("leaves")
    if not isinstance(history, list) or not isinstance(leaves, list):
        raise VerificationFailed("the post's history or the log's leaves are not lists")
    head: Any = sealed.get("tree_head")
    head_check(head, args.public_key)
    say(f"info head: {head['tree_size']} entries, signed {_when(head['timestamp'])}, signature OK")
    shown = {row.get("id"): row for row in history if isinstance(row, dict)}
    for item in leaves:
        if not isinstance(item, dict):
            raise VerificationFailed("a leaf of the post is not a JSON object")
        index, leaf = item.get("leaf_index"), _b64(item.get("leaf"), "leaf")
        try:
            change = _decode(leaf.decode())
        except ValueError as exc:
            raise VerificationFailed(f"leaf {index} is not JSON") from exc
        problem = info_problem(change) if isinstance(change, dict) else "not an object"
        if problem is not None or canonical(change) != leaf:
            raise VerificationFailed(f"leaf {index}: malformed info status change: {problem}")
        if change["post_id"] != post_id or change["change_id"] != item.get("change_id"):
            raise VerificationFailed(
                f"leaf {index} is change {change['change_id']} of post {change['post_id']}, not "
                f"change {item.get('change_id')} of post {post_id}"
            )
        _included(head, index, leaf, item)
        row = shown.pop(change["change_id"], None)
        if row is None:
            raise VerificationFailed(
                f"change {change['change_id']} ({change['from_status']} → "
                f"{change['to_status']}, sealed in leaf {index}) is MISSING from the post's "
                "public history: the history was rewritten"
            )
        if info_leaf_of(post_id, row) != leaf:
            raise VerificationFailed(
                f"change {change['change_id']} as the post shows it now ({row.get('from_status')}"
                f" → {row.get('to_status')}, {row.get('role')}) is NOT what leaf {index} sealed: "
                "the history was REWRITTEN after it was logged"
            )
        say(
            f"leaf {index}: change {change['change_id']} {change['from_status'] or '∅'} → "
            f"{change['to_status']} by {change['role']}, {change['created_at']}; matches; "
            "included: OK"
        )
    _latest_extends(source, head, args, say, "info history")
    for change_id, row in shown.items():
        say(
            f"change {change_id} ({row.get('from_status')} → {row.get('to_status')}, "
            f"{row.get('at')}) is not sealed yet; run again after the next seal"
        )
    verdict = f"INFO HISTORY VERIFIED: post {post_id}, {len(leaves)} sealed changes"
    say(verdict + (f", {len(shown)} not sealed yet." if shown else "."))


# --- Main --------------------------------------------------------------------------------------


def _when(ms: int) -> str:
    moment = datetime.datetime.fromtimestamp(ms / 1000, datetime.UTC)
    return moment.isoformat(timespec="seconds").replace("+00:00", "Z")


def _save_entries(entries: Iterator[tuple[int, bytes, Any]], path: Path) -> Iterator:
    with path.open("w") as out:
        for index, leaf, data in entries:
            out.write(json.dumps({"leaf_index": index, "leaf": base64.b64encode(leaf).decode()}))
            out.write("\n")
            yield index, leaf, data


def verify(args: argparse.Namespace, say: Any) -> None:
    source = None if args.url is None else HttpLog(args.url, args.page_size)
    if args.receipt:
        assert source is not None  # main() requires a URL with --receipt
        receipt_check(source, args.receipt, args, say)
        return
    if args.delivery is not None:
        assert source is not None  # main() requires a URL with --delivery
        delivery_check(source, args.delivery, args, say)
        return
    if args.info is not None:
        assert source is not None  # main() requires a URL with --info
        info_check(source, args.info, args, say)
        return
    if source is not None:
        head = source.head()
        log_id = args.url.rstrip("/")
    else:
        try:
            head = json.loads(Path(args.head_file).read_text())
        except (OSError, ValueError) as exc:
            raise CannotRun(f"cannot read the head file {args.head_file}: {exc}") from exc
        log_id = f"file:{head.get('public_key') if isinstance(head, dict) else ''}"

    state_path = Path(args.state).expanduser()
    state = state_load(state_path)
    saved = state["logs"].get(log_id)
    head_check(head, args.public_key)
    size = head["tree_size"]
    say(f"tree head: {size} entries, signed {_when(head['timestamp'])}")
    say(f"  root {head['root_hash']}")
    say(f"  signature OK (Ed25519 key {head['public_key']})")

    old_size, old_root, needs_proof = 0, b"", False
    if saved:
        old_size, old_root, needs_proof = history_check(saved, head, args.accept_new_key)
    started = time.perf_counter()
    if source is None and not args.save_entries:
        tree, ledger, root_at_saved = file_check(args.entries_file, size, saved)
    else:
        entries = source.entries(size) if source is not None else file_entries(args.entries_file)
        if args.save_entries:
            entries = _save_entries(entries, Path(args.save_entries))
        blocks = [Block(None, [], lambda: entries)]
        tree, ledger, root_at_saved = entries_check(blocks, size, saved)
    if tree.root().hex() != head["root_hash"]:
        raise VerificationFailed(
            "the entries do NOT hash to the signed root: an entry was changed, removed, added or "
            "reordered after the head was signed"
        )
    say(f"entries: {size} leaves hash to the signed root ({time.perf_counter() - started:.1f} s)")
    if needs_proof and source is not None:
        proof = source.consistency(old_size, size)
        if not consistency_valid(old_size, size, old_root, bytes.fromhex(head["root_hash"]), proof):
            raise VerificationFailed(
                f"the log's consistency proof from your saved head ({old_size} entries) to "
                f"this one ({size}) does NOT verify: history was REWRITTEN"
            )
        say(f"consistency proof from your saved head ({old_size} entries): OK")
    if saved and old_size:
        if root_at_saved != old_root:
            raise VerificationFailed(
                f"the first {old_size} entries no longer hash to the root you saved: "
                "history was REWRITTEN"
            )
        say(f"the first {old_size} entries still hash to your saved root: OK")
    if ledger.problems:
        shown = "\n  ".join(ledger.problems[:MAX_PROBLEMS_SHOWN])
        more = len(ledger.problems) - MAX_PROBLEMS_SHOWN
        raise VerificationFailed(
            f"{len(ledger.problems)} malformed or unbalanced entries:\n  {shown}"
            + (f"\n  … and {more} more" if more > 0 else "")
        )
    say(f"every entry balances to zero ({ledger.postings} postings)")
    say(f"every delivery is well formed and logged once ({len(ledger.pledge_ids)} deliveries)")
    say(f"every info status change is well formed and logged once ({len(ledger.change_ids)})")
    campaigns = sorted(
        (code for code in ledger.balances if code.startswith("campaign:")),
        key=lambda code: (len(code), code),
    )
    say("balances re-derived from the entries (debit +, credit -; funds held are credits):")
    for code in campaigns:
        say(f"  {code:<28} {ledger.balances[code]:>18,}")
    for code in sorted(set(ledger.balances) - set(campaigns)):
        say(f"  {code:<28} {ledger.balances[code]:>18,}")
    if ledger.goods:
        say("goods delivered, confirmed by their recipients (item, unit, quantity):")
        for (item, unit), quantity in sorted(ledger.goods.items()):
            say(f"  {item:<28} {unit:<12} {quantity:>12,}")

    state["logs"][log_id] = {
        key: head[key] for key in ("tree_size", "timestamp", "root_hash", "signature", "public_key")
    }
    state_save(state_path, state)
    say(f"VERIFIED. Saved this head to {state_path} for the next run.")


def _id_of(noun: str) -> Any:
    """An argparse type: a positive integer id of a `noun`, at most 18 digits."""

    def parse(value: str) -> int:
        if not value.isascii() or not value.isdigit() or len(value) > 18 or int(value) == 0:
            raise argparse.ArgumentTypeError(f"not a {noun} id: {value!r}")
        return int(value)

    return parse


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Verify Gotong's transparency log.",
        epilog="Exit status: 0 verified, 1 verification failed, 2 could not run.",
    )
    parser.add_argument("url", nargs="?", help="the site, e.g. https://gotong.example.org")
    parser.add_argument("--state", default=str(DEFAULT_STATE), help=f"[{DEFAULT_STATE}]")
    parser.add_argument("--public-key", help="base64 Ed25519 key the head must be signed with")
    parser.add_argument("--accept-new-key", action="store_true", help="allow a changed key")
    parser.add_argument("--entries-file", type=Path, help="verify a JSONL dump instead of HTTP")
    parser.add_argument("--head-file", help="the signed head (JSON) for --entries-file")
    parser.add_argument("--save-entries", help="also write the entries fetched to this JSONL")
    parser.add_argument("--page-size", type=int, default=PAGE_SIZE, help=f"[{PAGE_SIZE}]")
    parser.add_argument("--quiet", action="store_true", help="print only the verdict")
    parser.add_argument("--receipt", metavar="ORDER_ID", help="check one e-kuitansi instead")
    parser.add_argument(
        "--delivery",
        metavar="PLEDGE_ID",
        type=_id_of("pledge"),
        help="check one confirmed delivery of goods instead",
    )
    parser.add_argument(
        "--info",
        metavar="POST_ID",
        type=_id_of("post"),
        help="check one help-information post's status history instead",
    )
    args = parser.parse_args(argv)
    chosen = [bool(args.receipt), args.delivery is not None, args.info is not None]
    if sum(chosen) > 1:
        parser.error("give one of --receipt, --delivery or --info")
    if any(chosen) and args.url is None:
        parser.error("--receipt, --delivery and --info need the site's URL")
    if (args.url is None) == (args.entries_file is None) or bool(args.entries_file) != bool(
        args.head_file
    ):
        parser.error("give either a URL, or both --entries-file and --head-file")
    if args.page_size < 1:
        parser.error("--page-size must be positive")

    def say(line: str) -> None:
        if not args.quiet:
            print(line, flush=True)

    try:
        verify(args, say)
    except VerificationFailed as exc:
        print(f"FAILED: {exc}", file=sys.stderr)
        return 1
    except CannotRun as exc:
        print(f"ERROR: {exc}", file=sys.stderr)
        return 2
    if args.quiet:
        print("VERIFIED")
    return 0


if __name__ == "__main__":
    sys.exit(main())
