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


ROW_WRITES = {"row_update", "row_insert"}  # gotong.core.rows, the hot path's statements


def _row_write(node: ast.Call) -> tuple[set[str], set[str]]:
    """A `gotong.core.rows` write: the names its model mentions, the fields it may write (every
    counter for `increments`; a status too when `values` is not a literal dict)."""
    names: set[str] = set()
    fields: set[str] = set()
    for k in node.keywords:
        if k.arg in ("model", "instance"):
            names |= _names(k.value)
        elif k.arg == "increments":
            fields |= COUNTERS
        elif k.arg == "values":
            if not isinstance(k.value, ast.Dict):
                fields.add("status")
            for d in ast.walk(k.value):
                if isinstance(d, ast.Dict):
                    fields |= {c.value for c in d.keys if isinstance(c, ast.Constant)}
    return names, fields


def _writes() -> list[tuple[Path, int, set[str], set[str]]]:
    """Every ORM write call and `gotong.core.rows` write: its file, line, the names its receiver
    (or model) mentions, the fields it writes."""
    found = []
    for path in ROOT.rglob("*.py"):
        if "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            called = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if called in ROW_WRITES:
                found.append((path, node.lineno, *_row_write(node)))
            elif isinstance(func, ast.Attribute) and called in WRITES:
                keywords = {k.arg for k in node.keywords if k.arg}
                found.append((path, node.lineno, _names(func.value), keywords))
    return found


SQL_WRITES = ("INSERT INTO", "UPDATE ", "DELETE FROM")
JOURNAL_TABLES = {"ledger_journalentry", "ledger_posting", "ledger_ledgeraccount"}


def _sql_writes() -> list[tuple[Path, int]]:
    """Every SQL write on the journal's tables: a string with INSERT/UPDATE/DELETE in a module
    that names a journal table, literally or as `<Model>._meta.db_table`."""
    found = []
    for path in ROOT.rglob("*.py"):
        if "migrations" in path.parts:
            continue
        tree = ast.parse(path.read_text(), str(path))
        tables = any(
            isinstance(n, ast.Attribute)
            and n.attr == "db_table"
            and isinstance(n.value, ast.Attribute)
            and isinstance(n.value.value, ast.Name)
            and n.value.value.id in JOURNAL_MODELS
            for n in ast.walk(tree)
        )
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                text = node.value.upper()
                named = tables or any(t.upper() in text for t in JOURNAL_TABLES)
                if named and any(verb in text for verb in SQL_WRITES):
                    found.append((path, node.lineno))
    return found


def test_only_the_movement_writer_writes_the_journal_and_the_counters():
    stray = [
        f"{path.relative_to(ROOT)}:{line}"
        for path, line, names, keywords in _writes()
        if path != MOVEMENT_WRITER and (names & JOURNAL_MODELS or keywords & COUNTERS)
    ]
    stray += [
        f"{path.relative_to(ROOT)}:{line}"
        for path, line in _sql_writes()
        if path != MOVEMENT_WRITER
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
    assert any(p == MOVEMENT_WRITER for p, _line in _sql_writes())
    assert any(p == STATE_MACHINE and "Donation" in n and "status" in k for p, _l, n, k in writes)
    assert any(p == MOVEMENT_WRITER and k & COUNTERS for p, _l, _n, k in writes)
