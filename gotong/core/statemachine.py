"""What a transition table decides for one (status, event): the status it moves to, or a
refusal with its reason. Each domain keeps its own table; this is only how a table is read."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class Decision:
    allowed: bool
    to: str
    reason: str = ""


def table_decide(
    table: Mapping[tuple[str, str], str], *, noun: str, status: str, event: str
) -> Decision:
    to = table.get((status, event))
    if to is None:
        return Decision(False, status, f"{event} refused: {noun} is {status}")
    return Decision(True, to)
