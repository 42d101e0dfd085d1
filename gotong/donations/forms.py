from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from gotong.core.forms import RupiahField
from gotong.core.money import rupiah
from gotong.donations.fees import fee_for
from gotong.donations.services import MESSAGE_MAX_LENGTH

PRESET_AMOUNTS = (10_000, 25_000, 50_000, 100_000, 250_000, 500_000)
OTHER = "lainnya"


class MessageField(forms.CharField):
    """A textarea's text with its line breaks as one character each, as the donor's counter and
    the stored prayer count them (a browser sends each break as CR LF)."""

    def to_python(self, value: object) -> str:
        return str(super().to_python(value)).replace("\r\n", "\n")


class DonationForm(forms.Form):
    """`methods`: the (name, label) of each payment method the donor may pick; with one, the
    choice is not shown. `category`: the campaign's, for the fee shown on each amount.
    `nominal`: an amount from the link that brought the donor (`?nominal=50000`).

    The amount is a preset tile or, with "nominal lainnya" or no tile chosen, the typed one; a
    chosen tile wins over whatever the (then hidden) typed field holds."""

    preset = forms.ChoiceField(
        label=_("Pilih nominal donasi"),
        widget=forms.RadioSelect,
        required=False,
        error_messages={"invalid_choice": _("Pilih salah satu nominal yang tersedia.")},
    )
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
    message = MessageField(
        label=_("Doa dan dukungan (opsional)"),
        max_length=MESSAGE_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "aria-describedby": "message-count"}),
        error_messages={
            "max_length": _(
                "Doa dan dukungan paling panjang %(limit_value)d karakter "
                "(sekarang %(show_value)d). Persingkat sedikit, ya."
            )
        },
    )
    payment_method = forms.ChoiceField(
        label=_("Metode pembayaran"),
        widget=forms.RadioSelect,
        required=False,
        error_messages={"invalid_choice": _("Pilih metode pembayaran yang tersedia.")},
    )

    def __init__(
        self,
        data: Any = None,
        *,
        methods: list[tuple[str, str]],
        category: str,
        nominal: str | None = None,
        **kwargs: Any,
    ) -> None:
        if data is not None and data.get("preset") in {str(p) for p in PRESET_AMOUNTS}:
            data = data.copy()
            data["amount"] = data["preset"]
        super().__init__(data, **kwargs)
        self.category = category
        preset = self.fields["preset"]
        assert isinstance(preset, forms.ChoiceField)
        preset.choices = [(str(p), rupiah(p)) for p in PRESET_AMOUNTS] + [
            (OTHER, _("Nominal lainnya"))
        ]
        self.fields["amount"].widget.attrs.update(
            {"aria-describedby": "fee-line", "placeholder": "0"}
        )
        self._prefill(nominal)
        field = self.fields["payment_method"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = methods
        field.initial = methods[0][0]
        if len(methods) == 1:
            field.widget = forms.HiddenInput()

    def _prefill(self, nominal: str | None) -> None:
        """A linked amount checks its tile, or fills "nominal lainnya"; junk is ignored."""
        try:
            amount = self.fields["amount"].to_python(nominal)
        except ValidationError:
            return
        if amount is None:
            return
        self.initial["preset"] = str(amount) if amount in PRESET_AMOUNTS else OTHER
        self.initial["amount"] = rupiah(amount).removeprefix("Rp ")

    def tiles(self) -> list[dict[str, Any]]:
        """Each amount tile: its radio, its amount (None for "nominal lainnya") and its fee."""
        tiles = []
        for radio in self["preset"]:
            value = radio.data["value"]
            amount = None if value == OTHER else int(value)
            fee = 0 if amount is None else fee_for(amount=amount, category=self.category)
            tiles.append({"radio": radio, "amount": amount, "fee": fee})
        return tiles

    def clean_payment_method(self) -> str:
        """A form sent without a choice (an old page, a script) pays by the default method."""
        field = self.fields["payment_method"]
        assert isinstance(field, forms.ChoiceField)
        return self.cleaned_data.get("payment_method") or str(field.initial)
