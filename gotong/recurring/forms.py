from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from gotong.core.forms import RupiahField
from gotong.donations.forms import MessageField
from gotong.donations.services import MESSAGE_MAX_LENGTH
from gotong.recurring.models import MONTH_DAY_MAX, WEEKDAYS, Cadence

MONTH_DAYS = [(d, str(d)) for d in range(1, MONTH_DAY_MAX + 1)]


KIND_REMINDER = "reminder"
KIND_GOPAY = "gopay"
KIND_CARD = "credit_card"


class PlanForm(forms.Form):
    """Donasi rutin: weekly on a weekday or monthly on a day, charged automatically from a
    linked GoPay account or a card kept by the first payment (`kind` "gopay" or
    "credit_card", when `automatic`) or paid each period through a reminder's link (`kind`
    "reminder", through one of `methods`, the gateway plugins)."""

    cadence = forms.ChoiceField(
        label=_("Seberapa sering"),
        choices=Cadence.choices,
        widget=forms.RadioSelect,
        initial=Cadence.MONTHLY,
    )
    weekday = forms.TypedChoiceField(
        label=_("Hari (tiap pekan)"), choices=WEEKDAYS, coerce=int, initial=4, required=False
    )
    month_day = forms.TypedChoiceField(
        label=_("Tanggal (tiap bulan)"), choices=MONTH_DAYS, coerce=int, initial=1, required=False
    )
    amount = RupiahField(
        label=_("Nominal tiap kali (Rp)"),
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
        label=_("Email (untuk pengingat dan tautan kelola)"),
        error_messages={
            "invalid": _("Alamat email tidak valid."),
            "required": _("Email wajib diisi untuk donasi rutin: ke sanalah pengingatnya."),
        },
    )
    is_anonymous = forms.BooleanField(label=_("Sembunyikan nama saya (Orang Baik)"), required=False)
    message = MessageField(
        label=_("Doa dan dukungan (opsional)"),
        max_length=MESSAGE_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    kind = forms.ChoiceField(
        label=_("Cara membayar"),
        widget=forms.RadioSelect,
        choices=[
            (KIND_GOPAY, _("GoPay, ditagih otomatis")),
            (KIND_CARD, _("Kartu kredit/debit, ditagih otomatis")),
            (KIND_REMINDER, _("Pengingat dengan tautan bayar")),
        ],
        initial=KIND_REMINDER,
        required=False,
    )
    phone = forms.CharField(
        label=_("Nomor HP GoPay"),
        max_length=20,
        required=False,
        help_text=_("Hanya untuk GoPay: nomor yang terdaftar di aplikasi Gojek. Tidak disimpan."),
    )
    payment_method = forms.ChoiceField(
        label=_("Metode pembayaran tiap periode"),
        widget=forms.RadioSelect,
        required=False,
    )

    def __init__(
        self,
        data: Any = None,
        *,
        methods: list[tuple[str, str]],
        automatic: bool,
        **kwargs: Any,
    ):
        super().__init__(data, **kwargs)
        field = self.fields["payment_method"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = methods
        field.initial = methods[0][0]
        self.fields["amount"].widget.attrs.update({"placeholder": "0"})
        self.fields["phone"].widget.attrs.update(
            {"inputmode": "tel", "autocomplete": "tel", "placeholder": "0812 3456 7890"}
        )
        if not automatic:
            del self.fields["kind"], self.fields["phone"]

    @property
    def automatic(self) -> str:
        """The automatic plan's payment type ('' for a reminder plan)."""
        kind = self.cleaned_data.get("kind") or KIND_REMINDER
        return "" if kind == KIND_REMINDER else str(kind)

    @property
    def day(self) -> int:
        data = self.cleaned_data
        weekly = data.get("cadence") == Cadence.WEEKLY
        value = data.get("weekday") if weekly else data.get("month_day")
        if isinstance(value, int):
            return value
        return 4 if weekly else 1


class PlanChangeForm(forms.Form):
    amount = RupiahField(
        label=_("Nominal tiap kali (Rp)"),
        error_messages={"invalid": _("Isi nominal dengan angka rupiah, misalnya 50.000.")},
    )
    day = forms.TypedChoiceField(label=_("Hari"), coerce=int, choices=())

    def __init__(self, data: Any = None, *, weekly: bool, **kwargs: Any):
        super().__init__(data, **kwargs)
        field = self.fields["day"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = list(WEEKDAYS) if weekly else MONTH_DAYS
        field.label = _("Hari (tiap pekan)") if weekly else _("Tanggal (tiap bulan)")
