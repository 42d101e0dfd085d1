from __future__ import annotations

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gotong.inkind.catalogue import Item


class NeedFilterForm(forms.Form):
    region = forms.CharField(required=False, max_length=13)
    item = forms.ChoiceField(required=False, choices=[("", _("Semua barang")), *list(Item.choices)])


class PledgeForm(forms.Form):
    line = forms.IntegerField(widget=forms.HiddenInput)
    quantity = forms.IntegerField(label=_("Jumlah"), min_value=1, max_value=1_000_000)
    deliver_by = forms.DateField(
        label=_("Saya antar paling lambat"), widget=forms.DateInput(attrs={"type": "date"})
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
