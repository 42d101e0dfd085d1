from __future__ import annotations

from django import forms
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from gotong.accounts.models import TokenScope, User


class SignupForm(forms.Form):
    """Extra field for allauth's signup: the name shown on a person's campaigns."""

    display_name = forms.CharField(
        label=_("Nama yang ditampilkan"),
        max_length=80,
        help_text=_("Muncul di kampanye Anda, misalnya nama Anda atau komunitas Anda."),
    )

    def signup(self, request: HttpRequest, user: User) -> None:
        user.display_name = self.cleaned_data["display_name"].strip()
        user.save(update_fields=["display_name"])


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label=_("Nama token"),
        max_length=80,
        help_text=_("Untuk mengenalinya nanti, misalnya nama aplikasi atau organisasi mitra."),
    )
    scope = forms.ChoiceField(
        label=_("Cakupan"),
        choices=TokenScope.choices,
        initial=TokenScope.READ,
        widget=forms.RadioSelect,
        help_text=_("Baca: hanya mengambil data. Baca dan tulis: juga mengirim kebutuhan."),
    )
