"""WhatsApp numbers as people type them, checked and stored as digits (62…)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from lokal import parse_phone


def whatsapp_clean(raw: str, *, field: str) -> str:
    """The WhatsApp number in `raw` as digits with the country code, or a clear error."""
    parsed = parse_phone((raw or "")[:40])
    if not parsed.valid or not parsed.whatsapp:
        raise ValidationError(
            {field: _("Tulis nomor WhatsApp (HP) yang benar, misalnya 0812 3456 7890.")}
        )
    return parsed.whatsapp
