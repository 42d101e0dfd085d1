"""The claim a `klarifikasi hoaks` post answers: the claim quoted (its text, where it spread, an
archive link), the verdict with the labels Indonesian fact-checkers use, how it was checked
and the references. Every field is required for that kind and refused for the others."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from gotong.info.cleaning import clean_text, clean_url, cleaned_all
from gotong.info.kinds import InfoKind

CLAIM_LIMIT, SPREAD_LIMIT, METHOD_LIMIT = 2000, 300, 3000
REFERENCES_MAX = 10
# The model fields of a claim, on the post and on each revision.
CLAIM_FIELDS = (
    "claim_text",
    "claim_spread_on",
    "claim_archive_url",
    "claim_verdict",
    "claim_method",
    "claim_references",
)


class Verdict(models.TextChoices):
    FALSE = "salah", _lazy("SALAH")
    HOAX = "hoaks", _lazy("HOAKS")
    FRAUD = "penipuan", _lazy("PENIPUAN")
    DISINFORMATION = "disinformasi", _lazy("DISINFORMASI")
    UNPROVEN = "belum_terbukti", _lazy("BELUM TERBUKTI")
    FACT = "fakta", _lazy("FAKTA")


# schema.org Rating for ClaimReview: 1 (false) to 5 (true).
RATING = {Verdict.FACT: 5, Verdict.UNPROVEN: 3}
RATING_WORST, RATING_BEST = 1, 5


def verdict_rating(verdict: str) -> int:
    return RATING.get(Verdict(verdict), RATING_WORST)


def verdict_tone(verdict: str) -> str:
    """How the page colours a verdict: `fakta` green, `belum terbukti` grey, the others red."""
    if verdict == Verdict.FACT:
        return "true"
    if verdict == Verdict.UNPROVEN:
        return "unproven"
    return "false"


@dataclass(frozen=True)
class ClaimInput:
    text: str = ""
    spread_on: str = ""
    archive_url: str = ""
    verdict: str = ""
    method: str = ""
    references: list[str] = field(default_factory=list)

    def is_blank(self) -> bool:
        return not any(
            value.strip()
            for value in (self.text, self.spread_on, self.archive_url, self.verdict, self.method)
        ) and not any(url.strip() for url in self.references)


def references_split(text: str) -> list[str]:
    """One link a line, as typed in the form or stored on the post."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def claim_clean(kind: str, claim: ClaimInput | None) -> dict[str, str]:
    """The claim's model fields (`claim_text`, …, references one per line), every one checked
    (one ValidationError naming each field refused); all blank for a kind other than
    `klarifikasi hoaks`, which may not carry a claim."""
    if kind != InfoKind.HOAX:
        if claim is not None and not claim.is_blank():
            raise ValidationError(
                {"claim_text": _("Klaim dan putusan hanya untuk jenis Klarifikasi hoaks.")}
            )
        return dict.fromkeys(CLAIM_FIELDS, "")
    claim = claim or ClaimInput()
    checks: dict[str, Callable[[], str]] = {
        "claim_text": lambda: clean_text(
            claim.text, field="claim_text", limit=CLAIM_LIMIT, label=_("klaim")
        ),
        "claim_spread_on": lambda: clean_text(
            claim.spread_on, field="claim_spread_on", limit=SPREAD_LIMIT, label=_("tersebar di")
        ),
        "claim_archive_url": lambda: _archive(claim.archive_url),
        "claim_verdict": lambda: _verdict(claim.verdict),
        "claim_method": lambda: clean_text(
            claim.method, field="claim_method", limit=METHOD_LIMIT, label=_("cara memeriksa")
        ),
        "claim_references": lambda: _references(claim.references),
    }
    return cleaned_all(checks)


def _archive(url: str) -> str:
    if not url.strip():
        raise ValidationError(
            {"claim_archive_url": _("Sertakan tautan arsip klaim (mis. web.archive.org).")}
        )
    return clean_url(url, field="claim_archive_url")


def _verdict(verdict: str) -> str:
    if verdict not in Verdict.values:
        raise ValidationError({"claim_verdict": _("Pilih putusan klaim.")})
    return verdict


def _references(urls: list[str]) -> str:
    references = list(dict.fromkeys(url.strip() for url in urls if url.strip()))
    if not references:
        raise ValidationError({"claim_references": _("Sertakan setidaknya satu tautan rujukan.")})
    if len(references) > REFERENCES_MAX:
        raise ValidationError(
            {"claim_references": _("Paling banyak %(n)d rujukan.") % {"n": REFERENCES_MAX}}
        )
    return "\n".join(clean_url(url, field="claim_references") for url in references)
