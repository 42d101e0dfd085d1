"""Audit actions are shown in words, in both languages, wherever a page lists them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation

from gotong.audit.labels import ACTION_LABELS, action_label

SOURCES = Path(settings.BASE_DIR) / "gotong"


# Codes built as f"disbursement.{action}" / f"report.{action}" from these decisions.
COMPOSED = {"disbursement.approve", "disbursement.reject", "report.dismiss", "report.request_info"}


def written_actions() -> set[str]:
    """Every audit action code the services write as a literal, read from the source."""
    pattern = re.compile(r'"((?:campaign|disbursement|report|verification)\.[a-z_]+)"')
    codes: set[str] = set()
    for path in SOURCES.rglob("*.py"):
        if "migrations" not in path.parts and path.name != "labels.py":
            codes |= set(pattern.findall(path.read_text()))
    return codes | COMPOSED


def test_every_action_the_code_writes_has_a_label():
    missing = written_actions() - set(ACTION_LABELS)
    assert not missing, f"no label for {sorted(missing)}"


@pytest.mark.parametrize("code", sorted(ACTION_LABELS))
def test_labels_are_words_in_both_languages(code):
    with translation.override("id"):
        indonesian = action_label(code)
    with translation.override("en"):
        english = action_label(code)
    assert code not in (indonesian, english)
    assert indonesian != english


def test_an_unknown_code_is_shown_as_it_is():
    assert action_label("something.new") == "something.new"
