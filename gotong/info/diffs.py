"""What each revision of a post changed, word by word, for its public page (difflib)."""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from gotong.info.models import InfoRevision

FIELDS = (
    ("title", _("Judul")),
    ("what", _("Apa")),
    ("when_text", _("Kapan")),
    ("where_text", _("Di mana")),
    ("institution_contact", _("Kontak lembaga")),
    ("claim_text", _("Klaim")),
    ("claim_spread_on", _("Tersebar di")),
    ("claim_archive_url", _("Arsip klaim")),
    ("claim_verdict_label", _("Putusan")),
    ("claim_method", _("Cara memeriksa")),
    ("claim_references", _("Rujukan")),
)


@dataclass(frozen=True)
class Piece:
    text: str
    change: str  # "", "+" or "-"


@dataclass(frozen=True)
class FieldDiff:
    label: str
    pieces: list[Piece]


@dataclass(frozen=True)
class RevisionDiff:
    revision: InfoRevision
    fields: list[FieldDiff]


def _words(before: str, after: str) -> list[Piece]:
    old, new = before.split(), after.split()
    pieces: list[Piece] = []
    for op, a1, a2, b1, b2 in difflib.SequenceMatcher(a=old, b=new, autojunk=False).get_opcodes():
        if op == "equal":
            pieces.append(Piece(" ".join(old[a1:a2]), ""))
            continue
        if a2 > a1:
            pieces.append(Piece(" ".join(old[a1:a2]), "-"))
        if b2 > b1:
            pieces.append(Piece(" ".join(new[b1:b2]), "+"))
    return pieces


def revision_diffs(revisions: list[InfoRevision]) -> list[RevisionDiff]:
    """Newest first: each revision with the fields it changed against the one before (the
    first revision shows as written)."""
    diffs = []
    for before, after in zip([None, *revisions], revisions, strict=False):
        fields = []
        for name, label in FIELDS:
            old = getattr(before, name) if before else ""
            new = getattr(after, name)
            if before is None or old != new:
                fields.append(
                    FieldDiff(str(label), _words(old, new) if before else [Piece(new, "")])
                )
        diffs.append(RevisionDiff(after, [f for f in fields if any(p.text for p in f.pieces)]))
    return diffs[::-1]
