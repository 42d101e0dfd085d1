"""Every user-visible text on the sandbox pay page is marked for translation."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import gotong.payments.sandbox

TEMPLATE = (
    Path(gotong.payments.sandbox.__file__).parent / "templates" / "sandbox" / "pay.html"
).read_text(encoding="utf-8")

# Brand names and the logo letter may appear on their own, outside a translated sentence.
ALLOWED_WORDS = {"BCA", "QRIS", "GoPay", "G", "Rp"}
VISIBLE_ATTRIBUTES = ("aria-label", "title", "alt", "placeholder")

_FLAGS = re.DOTALL | re.IGNORECASE


def _without_translated(source: str) -> str:
    source = re.sub(r"\{#.*?#\}", "", source, flags=re.DOTALL)
    source = re.sub(r"\{%\s*comment\s*%\}.*?\{%\s*endcomment\s*%\}", "", source, flags=re.DOTALL)
    source = re.sub(
        r"\{%\s*blocktrans(?:late)?\b.*?\{%\s*endblocktrans(?:late)?\s*%\}",
        "",
        source,
        flags=re.DOTALL,
    )
    return re.sub(r"\{%\s*trans(?:late)?\s.*?%\}", "", source, flags=re.DOTALL)


def untranslated_text(source: str) -> list[str]:
    """Words left in visible text or visible attributes once translated parts are removed."""
    rest = _without_translated(source)
    rest = re.sub(r"<(style|script)\b.*?</\1\s*>", "", rest, flags=_FLAGS)
    rest = re.sub(r"<!--.*?-->", "", rest, flags=re.DOTALL)
    attributes = " ".join(
        value
        for _, value in re.findall(
            r"\b(" + "|".join(VISIBLE_ATTRIBUTES) + r')\s*=\s*"([^"]*)"', rest, flags=re.IGNORECASE
        )
    )
    rest = re.sub(r"<!doctype[^>]*>", "", rest, flags=re.IGNORECASE)
    rest = re.sub(r"<[^>]*>", " ", rest)
    text = re.sub(r"\{%.*?%\}|\{\{.*?\}\}", " ", f"{rest} {attributes}", flags=re.DOTALL)
    words = re.findall(r"[^\W\d_][\w-]*", text)
    return [word for word in words if word not in ALLOWED_WORDS]


def test_pay_page_has_no_untranslated_text():
    assert "{% load i18n %}" in TEMPLATE
    assert untranslated_text(TEMPLATE) == []


def test_pay_page_language_follows_active_language():
    assert '<html lang="{{ LANGUAGE_CODE }}">' in TEMPLATE
    assert "{% get_current_language as LANGUAGE_CODE %}" in TEMPLATE


@pytest.mark.parametrize(
    ("snippet", "expected"),
    [
        ("<p>Bayar sekarang</p>", ["Bayar", "sekarang"]),
        ('<section aria-label="Ringkasan">x{% translate "A" %}</section>', ["x", "Ringkasan"]),
        ("<p>{% translate 'Halo' %} · {{ name }}</p>", []),
        ("<p>{% blocktranslate with a=b %}Halo {{ a }}{% endblocktranslate %}</p>", []),
        ("<p aria-label=\"{% translate 'Halo' %}\">BCA \u203a</p>", []),
        ("<style>body{font:Roboto}</style><script>var s = 'teks';</script>", []),
    ],
)
def test_checker_catches_unmarked_text(snippet, expected):
    assert untranslated_text(snippet) == expected
