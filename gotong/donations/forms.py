from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from gotong.core.forms import RupiahField

PRESET_AMOUNTS = (20_000, 50_000, 100_000, 250_000)


class DonationForm(forms.Form):
    """`methods`: the (name, label) of each payment method the donor may pick; with one, the
    choice is not shown."""

    amount = RupiahField(
        label=_("Nominal donasi (Rp)"),
        error_messages={
            "invalid": _("Isi nominal dengan angka rupiah, misalnya 50.000."),
            "required": _("Isi nominal donasi."),
        },
    )
    name = forms.CharField(
        label=_("Nama"),
        max_length=80,
        error_messages={"required": _("Nama wajib diisi (boleh disembunyikan).")},
    )
    email = forms.EmailField(
        label=_("Email (opsional, untuk bukti donasi)"),
        required=False,
        error_messages={"invalid": _("Alamat email tidak valid.")},
    )
    is_anonymous = forms.BooleanField(label=_("Sembunyikan nama saya (Orang Baik)"), required=False)
    message = forms.CharField(
        label=_("Doa dan dukungan (opsional)"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": 500}),
    )
    payment_method = forms.ChoiceField(
        label=_("Metode pembayaran"),
        widget=forms.RadioSelect,
        required=False,
        error_messages={"invalid_choice": _("Pilih metode pembayaran yang tersedia.")},
    )

    def __init__(self, *args: Any, methods: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["payment_method"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = methods
        field.initial = methods[0][0]
        if len(methods) == 1:
            field.widget = forms.HiddenInput()

    def clean_payment_method(self) -> str:
        """A form sent without a choice (an old page, a script) pays by the default method."""
        field = self.fields["payment_method"]
        assert isinstance(field, forms.ChoiceField)
        return self.cleaned_data.get("payment_method") or str(field.initial)
