from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from gotong.core.forms import RupiahField

PRESET_AMOUNTS = (20_000, 50_000, 100_000, 250_000)


class DonationForm(forms.Form):
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
