from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from gotong.core.forms import RupiahField
from gotong.disbursements.banks import account_number_normalise, bank_choices


class DisbursementRequestForm(forms.Form):
    amount = RupiahField(
        label=_("Nominal (Rp)"),
        error_messages={"invalid": _("Isi nominal dengan angka rupiah, misalnya 5.000.000.")},
    )
    purpose = forms.CharField(label=_("Keperluan (sesuai rencana penggunaan dana)"), max_length=200)
    bank_code = forms.ChoiceField(label=_("Bank"), choices=bank_choices)
    account_number = forms.CharField(
        label=_("Nomor rekening"),
        max_length=40,
        help_text=_("Boleh ditulis dengan spasi, titik, atau tanda hubung, misalnya 123-456-7890."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    account_holder = forms.CharField(label=_("Nama pemilik rekening"), max_length=100)
    is_hospital = forms.BooleanField(
        label=_("Ini rekening rumah sakit (untuk kampanye medis)"), required=False
    )

    def clean_account_number(self) -> str:
        """Digits only, told with the form's other mistakes (the service checks it again)."""
        return account_number_normalise(self.cleaned_data["account_number"])


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[("approve", _("Setujui")), ("reject", _("Tolak")), ("paid", _("Tandai dibayar"))]
    )
    reason = forms.CharField(
        label=_("Alasan"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    transfer_reference = forms.CharField(
        label=_("Referensi transfer bank"), required=False, max_length=100
    )


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def clean(self, data: object, initial: object = None) -> list[object]:
        files = data if isinstance(data, (list, tuple)) else [data]
        return [super(MultipleFileField, self).clean(f, initial) for f in files if f]


class UsageReportForm(forms.Form):
    text = forms.CharField(
        label=_("Laporan penggunaan dana"), widget=forms.Textarea(attrs={"rows": 6})
    )
    receipts = MultipleFileField(
        label=_("Bukti (foto nota atau PDF)"),
        widget=MultipleFileInput(
            attrs={"multiple": True, "accept": "image/jpeg,image/png,image/webp,application/pdf"}
        ),
        required=False,
    )
