"""Finds text in Django templates that a person would read but nobody marked for translation.

`unmarked_text(source)` removes what is translated or not text ({% translate %},
{% blocktranslate %} blocks, comments, variables and other tags, scripts, styles, HTML tags) and
returns the words left, with their line numbers. The visible attributes of tags (alt, title,
placeholder, aria-label, a button's value, a meta description's content) are checked too.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from django.conf import settings

import gotong

# Names and codes that read the same in every language.
ALLOWED_WORDS = frozenset(
    {
        "Gotong",
        "WhatsApp",
        "Telegram",
        "X",
        "Facebook",
        "QRIS",
        "CSV",
        "JSON",
        "PDF",
        "Rp",
        "BCA",
        "GoPay",
        "G",  # the sandbox's logo letter
    }
)
# Files that are not read by people (robots.txt is for crawlers).
SKIPPED_FILES = frozenset({"seo/robots.txt"})
VISIBLE_ATTRIBUTES = ("alt", "title", "placeholder", "aria-label")
# <meta> tags whose content people see, in search results and link previews.
VISIBLE_META = frozenset(
    {
        "description",
        "og:title",
        "og:description",
        "og:site_name",
        "og:image:alt",
        "twitter:title",
        "twitter:description",
        "twitter:image:alt",
    }
)

_DOTALL_I = re.DOTALL | re.IGNORECASE
# Removed whole: nothing inside is untranslated text.
_REMOVED = [
    re.compile(r"\{#.*?#\}", re.DOTALL),
    re.compile(r"\{%\s*comment\b.*?%\}.*?\{%\s*endcomment\s*%\}", re.DOTALL),
    re.compile(
        r"\{%\s*blocktrans(?:late)?\b.*?\{%\s*endblocktrans(?:late)?\s*%\}",
        re.DOTALL,
    ),
    re.compile(r"\{%\s*trans(?:late)?\s.*?%\}", re.DOTALL),
    re.compile(r"<(script|style)\b.*?</\1\s*>", _DOTALL_I),
    re.compile(r"<!--.*?-->", re.DOTALL),
    re.compile(r"<!doctype[^>]*>", re.IGNORECASE),
]
_TAG = re.compile(r"<[a-zA-Z/][^>]*>", re.DOTALL)
_ATTRIBUTE = re.compile(r"""([\w:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_TEMPLATE_CODE = re.compile(r"\{%.*?%\}|\{\{.*?\}\}", re.DOTALL)
_ENTITY = re.compile(r"&(?:#\d+|#x[0-9a-fA-F]+|\w+);")
_WORD = re.compile(r"[^\W\d_][\w'\u2019-]*")


def _blank(match: re.Match[str]) -> str:
    """The match as spaces, keeping its line breaks, so line numbers stay right."""
    return re.sub(r"[^\n]", " ", match.group(0))


def _visible_attribute_values(tag: str) -> list[str]:
    attributes = {
        name.lower(): double if double is not None else single
        for name, double, single in _ATTRIBUTE.findall(tag)
    }
    values = [attributes[name] for name in VISIBLE_ATTRIBUTES if name in attributes]
    name = tag[1:].split(None, 1)[0].lower() if len(tag) > 1 else ""
    if name == "meta" and (attributes.get("name") or attributes.get("property")) in VISIBLE_META:
        values.append(attributes.get("content", ""))
    if name == "input" and attributes.get("type", "").lower() in {"submit", "button", "reset"}:
        values.append(attributes.get("value", ""))
    return values


def _words(text: str) -> list[str]:
    text = _TEMPLATE_CODE.sub(" ", text)
    text = _ENTITY.sub(" ", text)
    return [word for word in _WORD.findall(text) if word not in ALLOWED_WORDS]


def unmarked_text(source: str) -> list[tuple[int, str]]:
    """(line number, word) for every word a person would read that is not marked."""
    for pattern in _REMOVED:
        source = pattern.sub(_blank, source)
    # Variables and other tags go before HTML tags are read: `{% if n > 1 %}` holds a `>`.
    source = _TEMPLATE_CODE.sub(_blank, source)
    found: list[tuple[int, str]] = []

    def tag(match: re.Match[str]) -> str:
        line = source.count("\n", 0, match.start()) + 1
        for value in _visible_attribute_values(match.group(0)):
            found.extend((line, word) for word in _words(value))
        return _blank(match)

    source = _TAG.sub(tag, source)
    for number, line in enumerate(source.split("\n"), start=1):
        found.extend((number, word) for word in _words(line))
    return sorted(found)


def template_dirs() -> list[Path]:
    """gotong/templates and every app's templates folder under gotong/."""
    dirs = [Path(d) for engine in settings.TEMPLATES for d in engine.get("DIRS", [])]
    dirs += sorted(Path(gotong.__file__).parent.glob("**/templates"))
    return sorted({d.resolve() for d in dirs if d.is_dir()})


def project_templates() -> Iterator[tuple[str, Path]]:
    """(name as loaders know it, path) of every .html and .txt template of the project."""
    for directory in template_dirs():
        for path in sorted(directory.rglob("*")):
            if path.suffix in {".html", ".txt"} and path.is_file():
                name = path.relative_to(directory).as_posix()
                if name not in SKIPPED_FILES:
                    yield name, path
