from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

PRESET_AMOUNTS = (20_000, 50_000, 100_000, 250_000)


class DonationForm(forms.Form):
    amount = forms.IntegerField(
        label=_("Nominal donasi (Rp)"),
        error_messages={"invalid": _("Isi nominal dengan angka saja, tanpa titik.")},
    )
    name = forms.CharField(label=_("Nama"), max_length=80)
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

    def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        amount = self.fields["amount"]
        amount.widget.attrs.update(
            {
                "min": settings.DONATION_MIN_AMOUNT,
                "max": settings.DONATION_MAX_AMOUNT,
                "inputmode": "numeric",
            }
        )
        self.fields["name"].error_messages["required"] = _(
            "Nama wajib diisi (boleh disembunyikan)."
        )
        amount.error_messages["required"] = _("Isi nominal donasi.")
