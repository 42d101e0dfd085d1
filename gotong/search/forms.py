from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from gotong.campaigns.models import Category
from gotong.search.selectors import SearchSort
from gotong.search.text import MAX_QUERY_LENGTH


class SearchForm(forms.Form):
    """The /cari/ query string. Each field that does not validate falls back to its default
    (the view shows why), so a bad link still gives a page of campaigns."""

    q = forms.CharField(
        label=_("Kata pencarian"),
        required=False,
        max_length=MAX_QUERY_LENGTH,
        error_messages={
            "max_length": _(
                "Kata pencarian terlalu panjang: paling banyak %(limit_value)d karakter."
            ),
            "null_characters_not_allowed": _("Kata pencarian berisi karakter yang tidak sah."),
        },
        widget=forms.TextInput(
            attrs={"type": "search", "placeholder": _("Contoh: operasi jantung, banjir")}
        ),
    )
    kategori = forms.ChoiceField(
        label=_("Kategori"),
        required=False,
        choices=[("", _("Semua kategori")), *Category.choices],
        error_messages={"invalid_choice": _("Kategori itu tidak ada; menampilkan semua kategori.")},
    )
    urutkan = forms.ChoiceField(
        label=_("Urutkan"),
        required=False,
        choices=SearchSort.choices,
        error_messages={
            "invalid_choice": _("Urutan itu tidak dikenal; menampilkan yang paling relevan.")
        },
    )

    def value(self, name: str, default: str = "") -> str:
        """The cleaned value of `name`, or `default` when it is missing or invalid."""
        if not hasattr(self, "cleaned_data"):
            self.is_valid()
        return self.cleaned_data.get(name) or default
