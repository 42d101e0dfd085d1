"""The English catalog covers every string the code marks today, and the build compiled it.

`makemessages` runs on a copy of the source tree (it rewrites the .po it finds), so a string
marked for translation without an English translation in locale/en/LC_MESSAGES/django.po fails
here. It needs GNU gettext's xgettext: skipped without it, except in CI.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext, ngettext, pgettext

from tests.i18n.catalog import MO_FILE, PO_FILE, english, is_translated, read_catalog

SOURCES = ("gotong", "config", "manage.py", "locale")


def _untranslated(catalog) -> list[str]:
    return [
        f"{message.id!r}{' (fuzzy)' if message.fuzzy else ''}"
        for message in catalog
        if message.id and not is_translated(message)
    ]


def test_committed_catalog_is_complete_and_consistent():
    catalog = english()
    assert catalog.locale is not None
    assert str(catalog.locale) == "en"
    assert not catalog.fuzzy, "the catalog's header is marked fuzzy: Babel would not compile it"
    assert catalog.plural_forms == "nplurals=2; plural=(n != 1);"
    assert len(catalog) > 400
    assert _untranslated(catalog) == []
    # Placeholders match between msgid and msgstr (Babel's python-format checks).
    problems = [
        f"{message.id!r}: {error}" for message, errors in catalog.check() for error in errors
    ]
    assert problems == []


def test_catalog_covers_every_string_marked_in_the_code(tmp_path):
    if shutil.which("xgettext") is None:
        message = "xgettext (GNU gettext) is missing: apt-get install gettext"
        if os.environ.get("CI") == "true":
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    root = Path(settings.BASE_DIR)
    for name in SOURCES:
        source = root / name
        if source.is_dir():
            shutil.copytree(
                source, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__", "*.mo")
            )
        else:
            shutil.copy2(source, tmp_path / name)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "GOTONG_VAR_DIR": str(tmp_path / "var"),
    }
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "en", "--ignore=var"],
        cwd=tmp_path,
        env=env,
        check=True,
        capture_output=True,
        timeout=300,
    )
    catalog = read_catalog(tmp_path / PO_FILE.relative_to(root))
    missing = _untranslated(catalog)
    assert not missing, (
        "marked for translation but without English in locale/en/LC_MESSAGES/django.po "
        "(run manage.py makemessages -l en, translate, make messages):\n" + "\n".join(missing)
    )


def test_build_compiled_the_catalog_and_django_reads_it():
    assert MO_FILE.is_file(), f"{MO_FILE} is missing: run `make install` (or `make messages`)"
    assert MO_FILE.stat().st_mtime >= PO_FILE.stat().st_mtime, (
        f"{MO_FILE} is older than its .po: run `make messages`"
    )
    with translation.override("en"):
        assert gettext("Donasi sekarang") == "Donate now"
        assert pgettext("verb", "Donasi") == "Donate"
        assert ngettext("%(n)s donasi", "%(n)s donasi", 1) % {"n": 1} == "1 donation"
        assert ngettext("%(n)s donasi", "%(n)s donasi", 3) % {"n": 3} == "3 donations"
    with translation.override("id"):
        assert gettext("Donasi sekarang") == "Donasi sekarang"
