from __future__ import annotations

import re

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.formats import get_format
from django.utils.translation import get_language


def apply_validation_error(form: forms.Form, exc: ValidationError) -> None:
    """Show a service's ValidationError on the form: per field where it names one."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            target = field if field in form.fields else None
            for error in errors:
                form.add_error(target, error)
    else:
        form.add_error(None, exc)


def _grouped(separator: str) -> re.Pattern[str]:
    return re.compile(rf"^(?:\d+|\d{{1,3}}(?:{re.escape(separator)}\d{{3}})+)$", re.ASCII)


class RupiahField(forms.IntegerField):
    """Whole rupiah as people write it: "50000", "50.000", "Rp 50.000" all mean 50000.

    A dot is only accepted as a thousands separator (groups of three digits), never as a
    decimal point; so is the active language's own separator (a comma in English: "50,000"),
    one kind per number. Anything else makes the value invalid.
    """

    widget = forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"})
    pattern = _grouped(".")

    def to_python(self, value: object) -> int | None:
        if value in self.empty_values:
            return None
        text = str(value).strip()
        if text[:2].lower() == "rp":
            text = text[2:].strip()
        if self.pattern.match(text):
            return int(text.replace(".", ""))
        local = str(get_format("THOUSAND_SEPARATOR", lang=get_language() or settings.LANGUAGE_CODE))
        if local and local != "." and _grouped(local).match(text):
            return int(text.replace(local, ""))
        raise ValidationError(self.error_messages["invalid"], code="invalid")
