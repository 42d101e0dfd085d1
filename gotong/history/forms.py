from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class HistoryLinkForm(forms.Form):
    email = forms.EmailField(
        label=_("Email yang Anda pakai saat berdonasi"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "inputmode": "email"}),
        error_messages={
            "required": _("Isi alamat email."),
            "invalid": _("Alamat email tidak sah."),
        },
    )
