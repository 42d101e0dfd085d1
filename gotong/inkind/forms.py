from __future__ import annotations

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gotong.inkind.catalogue import MAX_QUANTITY, Item
from gotong.inkind.models import Urgency
from gotong.inkind.needs import LineInput
from gotong.regions.forms import RegionPickerMixin
from gotong.regions.models import Region

LINE_ROWS = 4  # item lines on the form; a need may hold more (needs.MAX_LINES) through the API


class NeedFilterForm(forms.Form):
    """The filters of the needs and offers lists: `?region=<code>&item=<item>`; anything it does
    not know is no filter."""

    region = forms.CharField(required=False, max_length=13)
    item = forms.ChoiceField(required=False, choices=[("", _("Semua barang")), *list(Item.choices)])

    def filters(self) -> tuple[Region | None, str | None]:
        if not self.is_valid():
            return None, None
        code = self.cleaned_data["region"].strip()
        region = Region.objects.filter(code=code).first() if code else None
        return region, self.cleaned_data["item"] or None


class PledgeForm(forms.Form):
    line = forms.IntegerField(widget=forms.HiddenInput)
    quantity = forms.IntegerField(label=_("Jumlah"), min_value=1, max_value=1_000_000)
    deliver_by = forms.DateField(
        label=_("Saya antar paling lambat"),
        widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
    )
    whatsapp = forms.CharField(
        label=_("Nomor WhatsApp Anda"),
        max_length=40,
        help_text=_("Hanya terlihat oleh pengaju setelah janji Anda diterima."),
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
    )
    note = forms.CharField(label=_("Catatan (boleh kosong)"), max_length=500, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["deliver_by"].initial = timezone.localdate() + datetime.timedelta(days=2)


class LineRowsMixin(forms.BaseForm):
    """LINE_ROWS item lines as the fields line<N>_item / _quantity / _other / _unit; the first
    is required, the others may stay empty."""

    def add_line_rows(self) -> None:
        for row in range(1, LINE_ROWS + 1):
            first = row == 1
            self.fields[f"line{row}_item"] = forms.ChoiceField(
                label=_("Barang atau bantuan"),
                choices=[("", _("— Pilih —")), *Item.choices],
                required=first,
            )
            self.fields[f"line{row}_quantity"] = forms.IntegerField(
                label=_("Jumlah"), min_value=1, max_value=MAX_QUANTITY, required=first
            )
            self.fields[f"line{row}_other"] = forms.CharField(
                label=_("Nama barang"), max_length=80, required=False
            )
            self.fields[f"line{row}_unit"] = forms.CharField(
                label=_("Satuan"), max_length=24, required=False
            )

    @property
    def line_rows(self) -> list[list[forms.BoundField]]:
        return [
            [self[f"line{row}_{part}"] for part in ("item", "quantity", "other", "unit")]
            for row in range(1, LINE_ROWS + 1)
        ]

    def clean(self):
        data = super().clean() or {}
        for row in range(1, LINE_ROWS + 1):
            item, quantity = data.get(f"line{row}_item"), data.get(f"line{row}_quantity")
            if bool(item) != bool(quantity):
                self.add_error(
                    f"line{row}_quantity" if item else f"line{row}_item",
                    _("Isi barang dan jumlahnya, atau kosongkan baris ini."),
                )
        return data

    def lines(self) -> list[LineInput]:
        data = self.cleaned_data
        return [
            LineInput(
                item=data[f"line{row}_item"],
                quantity=data[f"line{row}_quantity"],
                item_other=data[f"line{row}_other"],
                unit=data[f"line{row}_unit"],
            )
            for row in range(1, LINE_ROWS + 1)
            if data.get(f"line{row}_item")
        ]


class NeedForm(LineRowsMixin, RegionPickerMixin, forms.Form):
    """A need: where (desa and the private RT/RW), what (up to LINE_ROWS item lines), for whom,
    by when. The lines are the fields line<N>_item / _quantity / _other / _unit."""

    region_legend = _("Di mana bantuan dibutuhkan?")
    place_detail = forms.CharField(
        label=_("RT/RW atau patokan"),
        max_length=200,
        help_text=_("Hanya terlihat oleh penolong yang janjinya Anda terima."),
    )
    title = forms.CharField(label=_("Judul"), max_length=120)
    people_served = forms.IntegerField(
        label=_("Berapa orang yang terbantu?"), min_value=1, max_value=10_000_000
    )
    needed_by = forms.DateField(
        label=_("Dibutuhkan paling lambat"),
        widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
    )
    urgency = forms.ChoiceField(label=_("Tingkat kedaruratan"), choices=Urgency.choices)
    story = forms.CharField(
        label=_("Cerita singkat"), max_length=5000, widget=forms.Textarea(attrs={"rows": 5})
    )
    contact_whatsapp = forms.CharField(
        label=_("Nomor WhatsApp Anda"),
        max_length=40,
        help_text=_("Hanya terlihat oleh penolong yang janjinya Anda terima."),
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
    )
    photo = forms.ImageField(label=_("Foto (boleh kosong)"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, required_level=4, **kwargs)
        self.fields["needed_by"].initial = timezone.localdate() + datetime.timedelta(days=7)
        self.add_line_rows()

    @property
    def main_fields(self) -> list[forms.BoundField]:
        names = ("title", "place_detail", "people_served", "needed_by", "urgency", "story")
        return [self[name] for name in (*names, "contact_whatsapp", "photo")]


class OfferForm(LineRowsMixin, RegionPickerMixin, forms.Form):
    """An offer: what, for which region (a desa, a kecamatan, a kota or a whole province), until
    when, or standing (a dapur umum every day)."""

    region_legend = _("Wilayah yang Anda layani")
    title = forms.CharField(label=_("Judul"), max_length=120)
    description = forms.CharField(
        label=_("Keterangan (boleh kosong)"),
        max_length=3000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    available_until = forms.DateField(
        label=_("Berlaku sampai"),
        required=False,
        widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
    )
    standing = forms.BooleanField(
        label=_("Tawaran rutin (misalnya dapur umum setiap hari)"), required=False
    )
    contact_whatsapp = forms.CharField(
        label=_("Nomor WhatsApp Anda"),
        max_length=40,
        help_text=_("Hanya terlihat oleh penerima yang permintaannya Anda terima."),
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, required_level=1, **kwargs)
        self.add_line_rows()

    @property
    def main_fields(self) -> list[forms.BoundField]:
        names = ("title", "description", "available_until", "standing", "contact_whatsapp")
        return [self[name] for name in names]


class AskOfferForm(forms.Form):
    """The poster of a need asks an offer for a quantity of one of the need's lines."""

    offer = forms.IntegerField(widget=forms.HiddenInput)
    line = forms.IntegerField(label=_("Untuk barang"))
    quantity = forms.IntegerField(label=_("Jumlah"), min_value=1, max_value=MAX_QUANTITY)
    deliver_by = forms.DateField(
        label=_("Dibutuhkan paling lambat"),
        widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
    )
