from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from gotong.banktransfer.statements import CUSTOM, PRESET_CHOICES, PRESETS, Preset


class StatementUploadForm(forms.Form):
    preset = forms.ChoiceField(label=_("Bank / format berkas"), choices=PRESET_CHOICES)
    file = forms.FileField(
        label=_("Berkas mutasi rekening (CSV)"),
        error_messages={"required": _("Pilih berkas CSV mutasi rekening.")},
    )
    # The layout of any other export, used with "custom" only.
    date_column = forms.CharField(label=_("Kolom tanggal"), required=False, max_length=60)
    date_format = forms.CharField(
        label=_("Format tanggal"), required=False, initial="%d/%m/%Y", max_length=20
    )
    description_column = forms.CharField(label=_("Kolom keterangan"), required=False)
    amount_column = forms.CharField(label=_("Kolom nominal masuk"), required=False)
    type_column = forms.CharField(label=_("Kolom jenis (opsional)"), required=False)
    credit_value = forms.CharField(label=_("Isi kolom jenis untuk dana masuk"), required=False)
    decimal_comma = forms.BooleanField(
        label=_("Nominal ditulis 50.123,00 (koma untuk desimal)"), required=False
    )
    delimiter = forms.ChoiceField(
        label=_("Pemisah kolom"),
        choices=[(",", _("koma (,)")), (";", _("titik koma (;)")), ("\t", _("tab"))],
        required=False,
    )

    def clean(self) -> dict:
        data = super().clean() or {}
        if data.get("preset") == CUSTOM:
            for name in ("date_column", "date_format", "description_column", "amount_column"):
                if not (data.get(name) or "").strip():
                    self.add_error(name, _("Wajib diisi untuk format lainnya."))
        return data

    def layout(self) -> Preset:
        data = self.cleaned_data
        if data["preset"] != CUSTOM:
            return PRESETS[data["preset"]]
        return Preset(
            key=CUSTOM,
            label=str(_("Lainnya")),
            date_column=data["date_column"].strip(),
            date_format=data["date_format"].strip(),
            description_column=data["description_column"].strip(),
            amount_column=data["amount_column"].strip(),
            type_column=(data.get("type_column") or "").strip(),
            credit_value=(data.get("credit_value") or "").strip(),
            decimal_comma=bool(data.get("decimal_comma")),
            delimiter=data.get("delimiter") or ",",
        )


class LineDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[("assign", _("Cocokkan dengan donasi")), ("dismiss", _("Bukan donasi"))],
        widget=forms.RadioSelect,
        label=_("Keputusan"),
    )
    order_id = forms.CharField(label=_("Nomor pesanan donasi"), required=False, max_length=50)
    reason = forms.CharField(
        label=_("Alasan"),
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Tuliskan alasan keputusan ini.")},
    )

    def clean(self) -> dict:
        data = super().clean() or {}
        if data.get("decision") == "assign" and not (data.get("order_id") or "").strip():
            self.add_error("order_id", _("Isi nomor pesanan donasi yang dicocokkan."))
        return data
