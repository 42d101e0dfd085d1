"""The sandbox pay page follows the active language (its text is checked for unmarked strings
with every other template in tests/i18n/test_unmarked_text.py)."""

from __future__ import annotations

from pathlib import Path

import gotong.payments.sandbox

TEMPLATE = (
    Path(gotong.payments.sandbox.__file__).parent / "templates" / "sandbox" / "pay.html"
).read_text(encoding="utf-8")


def test_pay_page_loads_i18n():
    assert "{% load i18n %}" in TEMPLATE


def test_pay_page_language_follows_active_language():
    assert '<html lang="{{ LANGUAGE_CODE }}">' in TEMPLATE
    assert "{% get_current_language as LANGUAGE_CODE %}" in TEMPLATE
