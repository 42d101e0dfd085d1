from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from gotong.core.forms import RupiahField

ORDER_ID_PATTERN = r"^[A-Za-z0-9_-]{1,50}$"
MAX_INDEX = 10**18
NUMERIC = forms.TextInput(attrs={"inputmode": "numeric"})


class ReceiptCheckForm(forms.Form):
    """What a receipt's QR code carries (GET query): order id, amount, and its log position."""

    order = forms.RegexField(
        label=_("Nomor pesanan"),
        regex=ORDER_ID_PATTERN,
        error_messages={
            "invalid": _("Nomor pesanan hanya berisi huruf, angka, dan tanda -."),
            "required": _("Isi nomor pesanan yang tertulis di kuitansi."),
        },
    )
    jumlah = RupiahField(label=_("Nominal (Rp)"), required=False, min_value=1)
    leaf = forms.IntegerField(
        label=_("Indeks entri"), required=False, min_value=0, max_value=MAX_INDEX, widget=NUMERIC
    )
    size = forms.IntegerField(
        label=_("Ukuran pohon"), required=False, min_value=1, max_value=MAX_INDEX, widget=NUMERIC
    )
    root = forms.RegexField(
        label=_("Root hash"),
        regex=r"^[0-9a-f]{64}$",
        required=False,
        error_messages={"invalid": _("Root hash adalah 64 karakter heksadesimal huruf kecil.")},
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        given = [data.get(name) not in (None, "") for name in ("leaf", "size", "root")]
        if any(given) and not all(given):
            raise forms.ValidationError(
                _(
                    "Isi indeks entri, ukuran pohon, dan root hash bersama-sama, "
                    "atau kosongkan ketiganya."
                )
            )
        return data
