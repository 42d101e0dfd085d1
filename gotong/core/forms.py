from __future__ import annotations

import re

from django import forms
from django.core.exceptions import ValidationError


def apply_validation_error(form: forms.Form, exc: ValidationError) -> None:
    """Show a service's ValidationError on the form: per field where it names one."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            target = field if field in form.fields else None
            for error in errors:
                form.add_error(target, error)
    else:
        form.add_error(None, exc)


class RupiahField(forms.IntegerField):
    """Whole rupiah as people write it: "50000", "50.000", "Rp 50.000" all mean 50000.

    A dot is only accepted as a thousands separator (groups of three digits), never as a
    decimal point; anything else makes the value invalid.
    """

    widget = forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"})
    pattern = re.compile(r"^(?:\d+|\d{1,3}(?:\.\d{3})+)$", re.ASCII)

    def to_python(self, value: object) -> int | None:
        if value in self.empty_values:
            return None
        text = str(value).strip()
        if text[:2].lower() == "rp":
            text = text[2:].strip()
        if not self.pattern.match(text):
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return int(text.replace(".", ""))
