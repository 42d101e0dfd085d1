"""The checks every write of help information makes on what people type: text (trimmed, no NUL,
within its limit, not empty) and links (http or https only, to a real host, nothing that could
break out of an attribute)."""

from __future__ import annotations

import re
from collections.abc import Callable
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext as _

URL_LIMIT = 500
# Whitespace and control characters anywhere, and the characters a pasted link never holds
# unencoded but markup does.
_NOT_IN_URL = re.compile(r'[\s\x00-\x1f\x7f<>"`\\]')
_url_validator = URLValidator(schemes=["http", "https"])


def clean_url(url: str, *, field: str) -> str:
    """The link trimmed, or a ValidationError on `field`: `javascript:`, `data:`, `ftp://`, a
    bare `http://`, spaces or markup inside, a host that cannot be one are refused."""
    url = (url or "").strip()
    if len(url) > URL_LIMIT:
        raise ValidationError({field: _("Tautan paling banyak %(n)d karakter.") % {"n": URL_LIMIT}})
    try:
        parts = urlsplit(url)
    except ValueError:  # e.g. "http://[x": a bracket that opens no IPv6 address
        parts = urlsplit("")
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValidationError({field: _("Tautan harus diawali http:// atau https://.")})
    if _NOT_IN_URL.search(url):
        raise ValidationError({field: _('Tautan tidak boleh berisi spasi atau tanda < > ".')})
    try:
        _url_validator(url)
    except ValidationError:
        message = _("Tautan ini tidak bisa dibuka: periksa alamatnya.")
        raise ValidationError({field: message}) from None
    return url


def clean_text(value: str, *, field: str, limit: int, label: str, required: bool = True) -> str:
    """The text trimmed and without NUL; empty refused when `required`, longer than `limit`
    refused always."""
    value = (value or "").replace("\x00", "").strip()
    if required and not value:
        raise ValidationError({field: _("Isi %(label)s.") % {"label": label}})
    if len(value) > limit:
        raise ValidationError(
            {field: _("%(label)s paling banyak %(n)d karakter.") % {"label": label, "n": limit}}
        )
    return value


def cleaned_all(checks: dict[str, Callable[[], str]]) -> dict[str, str]:
    """Each check's value by name; one ValidationError naming every field refused."""
    cleaned, errors = {}, {}
    for name, check in checks.items():
        try:
            cleaned[name] = check()
        except ValidationError as exc:
            errors.update(exc.message_dict)
    if errors:
        raise ValidationError(errors)
    return cleaned
