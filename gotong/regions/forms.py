"""The region picker: cascading selects provinsi → kabupaten/kota → kecamatan → desa/kelurahan
that any form can hold (`RegionPickerMixin`), rendered by `regions/_picker.html`.

Each select lists the regions inside the choice above it and appears once that choice is made.
Without JavaScript the button "Tampilkan pilihan berikutnya" (named REFRESH) submits the
containing form, which comes back with everything typed in it and the next select; with htmx a
change fetches the selects again from /wilayah/pilih/ (`views.region_picker`)."""

from __future__ import annotations

import json
from typing import Any

from django import forms
from django.forms.utils import ErrorDict
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from gotong.regions import selectors
from gotong.regions.models import Region

REFRESH = "region_refresh"
# The picker's fields, level 1 (provinsi) to 4 (desa/kelurahan).
LEVEL_FIELDS = ("provinsi", "kabupaten", "kecamatan", "desa")

_LABELS = (_("Provinsi"), _("Kabupaten/kota"), _("Kecamatan"), _("Desa/kelurahan"))
_PROMPTS = (
    _("— Pilih provinsi —"),
    _("— Pilih kabupaten/kota —"),
    _("— Pilih kecamatan —"),
    _("— Pilih desa/kelurahan —"),
)
_MISSING = (
    _("Pilih provinsi."),
    _("Pilih kabupaten/kota."),
    _("Pilih kecamatan."),
    _("Pilih desa/kelurahan."),
)
UNKNOWN = _("Wilayah tidak dikenal.")
NOT_INSIDE = _("%(region)s tidak berada di %(parent)s. Pilih lagi.")


def region_initial(region: Region | None) -> dict[str, str]:
    """The picker's initial choices for a region already chosen (a form that edits)."""
    if region is None:
        return {}
    parts = region.code.split(".")
    return {name: ".".join(parts[: i + 1]) for i, name in enumerate(LEVEL_FIELDS[: len(parts)])}


class RegionPickerMixin(forms.BaseForm):
    """Adds the fields `provinsi`, `kabupaten`, `kecamatan` and `desa` (dotted codes) to a form
    and, once it is valid, `cleaned_data["region"]`: the deepest region chosen (None when nothing
    is chosen and nothing is required). Each choice must lie inside the one above it.

    `required_level`: the level that must at least be chosen (4: a desa/kelurahan; 1 or more: at
    least a province; None: the region is optional, as for a search filter).

    A submission holding REFRESH (the picker's button; never prefixed, so one picker per form) is
    a request for the next select, not a submission: it is never valid and shows no errors, so a
    view that renders an invalid form again serves it as it is."""

    region_legend: str | Promise = _("Wilayah")

    def __init__(self, *args: Any, required_level: int | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.region_required_level = required_level or 0
        for level, name in enumerate(LEVEL_FIELDS):
            attrs = {"required": True} if level < self.region_required_level else {}
            # A plain Field: it takes any text, and _region_read says what does not fit.
            self.fields[name] = forms.Field(
                label=_LABELS[level], required=False, widget=forms.Select(attrs=attrs)
            )
        self._region_chain, self._region_problem = self._region_read()
        for level, name in enumerate(LEVEL_FIELDS[: self._region_shown]):
            above = self._region_chain[level - 1] if level else None
            regions = (
                selectors.region_children(region=above) if above else selectors.regions_provinces()
            )
            self.fields[name].widget.choices = [
                ("", _PROMPTS[level]),
                *((region.code, region.name) for region in regions),
            ]

    def _region_read(self) -> tuple[list[Region], tuple[str, str] | None]:
        """The regions chosen, from the province down, each inside the one before; and the first
        choice that does not fit as (field, message). Choices below an empty one are stale (an
        upper select changed without JavaScript) and ignored."""
        values = []
        for name in LEVEL_FIELDS:
            value = str(self[name].value() or "").strip()
            if not value:
                break
            values.append(value)
        codes: dict[str, str] = {}
        for value in values:
            try:
                codes[value] = selectors.region_code_normalize(code=value)
            except selectors.RegionCodeInvalid:
                continue
        found = selectors.regions_by_code(codes=set(codes.values()))
        chain: list[Region] = []
        for level, (name, value) in enumerate(zip(LEVEL_FIELDS, values, strict=False), start=1):
            region = found.get(codes.get(value, ""))
            if region is None or region.level != level:
                return chain, (name, str(UNKNOWN))
            if chain and region.parent_id != chain[-1].code:
                return chain, (name, NOT_INSIDE % {"region": region.name, "parent": chain[-1].name})
            chain.append(region)
        return chain, None

    @property
    def _region_shown(self) -> int:
        """How many selects to show: down to the one below the deepest choice."""
        return min(len(self._region_chain) + 1, len(LEVEL_FIELDS))

    @property
    def region_refresh(self) -> bool:
        return self.is_bound and REFRESH in self.data

    @property
    def region_fields(self) -> list[forms.BoundField]:
        """The selects to show, province first."""
        return [self[name] for name in LEVEL_FIELDS[: self._region_shown]]

    @property
    def region_picker_vals(self) -> str:
        """What htmx sends along to /wilayah/pilih/ (hx-vals): the picker rebuilt there must
        have this form's required level and field names."""
        vals = {REFRESH: "1", "wajib": str(self.region_required_level)}
        if self.prefix:
            vals["awalan"] = self.prefix
        return json.dumps(vals)

    def full_clean(self) -> None:
        if self.region_refresh:
            self._errors = ErrorDict()
            self.cleaned_data = {}
            return
        super().full_clean()

    def is_valid(self) -> bool:
        return not self.region_refresh and super().is_valid()

    def clean(self) -> dict[str, Any]:
        super().clean()
        chain, problem = self._region_chain, self._region_problem
        if problem:
            field, message = problem
            self.add_error(field, message)
        elif len(chain) < self.region_required_level:
            self.add_error(LEVEL_FIELDS[len(chain)], _MISSING[len(chain)])
        else:
            self.cleaned_data["region"] = chain[-1] if chain else None
        return self.cleaned_data


class RegionPickerForm(RegionPickerMixin, forms.Form):
    """The picker alone: what /wilayah/pilih/ renders for htmx."""


class RegionSearchForm(RegionPickerMixin, forms.Form):
    """The /wilayah/cari/ query: a name, optionally inside a region chosen with the picker."""

    region_legend = _("Cari di dalam wilayah (boleh dikosongkan)")

    q = forms.CharField(
        label=_("Nama wilayah"),
        required=False,
        max_length=selectors.MAX_QUERY_LENGTH,
        error_messages={
            "max_length": _(
                "Nama wilayah terlalu panjang: paling banyak %(limit_value)d karakter."
            ),
            "null_characters_not_allowed": _("Nama wilayah berisi karakter yang tidak sah."),
        },
        widget=forms.TextInput(
            attrs={"type": "search", "placeholder": _("Contoh: Tallo, Kota Makassar")}
        ),
    )
