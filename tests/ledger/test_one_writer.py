"""The movement table's writer is the only code that writes the journal, balances and campaign
counters, and the state machine the only code that writes a donation's status: read from the
source, so a new stray writer fails here before it can drift from the table."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2] / "gotong"
WRITES = {"create", "bulk_create", "update", "get_or_create", "update_or_create", "save", "delete"}
JOURNAL_MODELS = {"JournalEntry", "Posting", "LedgerAccount"}
COUNTERS = {"collected", "donor_count", "fees", "paid_out", "refunded", "balance"}
MOVEMENT_WRITER = ROOT / "ledger" / "movements.py"
STATE_MACHINE = ROOT / "donations" / "services.py"


def _names(node: ast.AST) -> set[str]:
    return {n.id for n in ast.walk(node) if isinstance(n, ast.Name)}


def _writes() -> list[tuple[Path, int, set[str], set[str]]]:
    """Every ORM write call: its file, line, the names its receiver mentions, its keywords."""
    found = []
    for path in ROOT.rglob("*.py"):
        if "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr in WRITES
            ):
                keywords = {k.arg for k in node.keywords if k.arg}
                found.append((path, node.lineno, _names(node.func.value), keywords))
    return found


def test_only_the_movement_writer_writes_the_journal_and_the_counters():
    stray = [
        f"{path.relative_to(ROOT)}:{line}"
        for path, line, names, keywords in _writes()
        if path != MOVEMENT_WRITER and (names & JOURNAL_MODELS or keywords & COUNTERS)
    ]
    assert stray == []


def test_only_the_state_machine_writes_a_donation_status():
    stray = [
        f"{path.relative_to(ROOT)}:{line}"
        for path, line, names, keywords in _writes()
        if path != STATE_MACHINE and "Donation" in names and "status" in keywords
    ]
    assert stray == []


def test_the_scan_sees_the_writers_it_allows():
    """Guard against a scan that finds nothing because it looks in the wrong place."""
    writes = _writes()
    assert any(p == MOVEMENT_WRITER and n & JOURNAL_MODELS for p, _l, n, _k in writes)
    assert any(p == STATE_MACHINE and "Donation" in n and "status" in k for p, _l, n, k in writes)
