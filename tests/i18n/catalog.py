"""The committed English catalog (locale/en/LC_MESSAGES/django.po), read with Babel."""

from __future__ import annotations

import functools
import re
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import read_po
from django.conf import settings

PO_FILE = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES" / "django.po"
MO_FILE = PO_FILE.with_suffix(".mo")
_PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%%")


def read_catalog(path: Path) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle, locale="en")


@functools.cache
def english() -> Catalog:
    return read_catalog(PO_FILE)


def is_translated(message: Message) -> bool:
    strings = message.string if isinstance(message.string, tuple) else (message.string,)
    return all(strings) and not message.fuzzy


def changed_in_english(catalog: Catalog) -> list[tuple[str, ...]]:
    """The Indonesian msgids (singular and plural) whose English differs: on an English page
    none of them may show. Each is given as the literal pieces between its placeholders."""
    found = []
    for message in catalog:
        if not message.id or not is_translated(message):
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if set(ids) == set(strings):
            continue
        for msgid in ids:
            found.append(tuple(_PLACEHOLDER.split(msgid)))
    return found
