"""The region picker (RegionPickerMixin): cascading selects that work without JavaScript (the
refresh button re-renders the whole form) and with htmx (/wilayah/pilih/)."""

from __future__ import annotations

import json

import pytest
from django import forms
from django.template.loader import render_to_string

from gotong.regions.forms import RegionPickerMixin

pytestmark = pytest.mark.django_db


class NeedForm(RegionPickerMixin, forms.Form):
    """A containing form, as a need or an offer will be: its own fields and the picker."""

    title = forms.CharField(label="Judul", max_length=100)
    note = forms.CharField(label="Catatan", required=False, widget=forms.Textarea)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, required_level=4, **kwargs)


FULL = {"provinsi": "73", "kabupaten": "73.71", "kecamatan": "73.71.07", "desa": "73.71.07.1007"}


def render(form) -> str:
    return render_to_string("regions/_picker.html", {"form": form})


def test_the_deepest_choice_is_the_region(regions):
    form = NeedForm({"title": "Beras 50 kg", **FULL})
    assert form.is_valid(), form.errors
    region = form.cleaned_data["region"]
    assert (region.code, region.name, region.level) == ("73.71.07.1007", "Tallo", 4)


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({}, "provinsi", "Pilih provinsi."),
        ({"provinsi": "73"}, "kabupaten", "Pilih kabupaten/kota."),
        ({"provinsi": "73", "kabupaten": "73.71"}, "kecamatan", "Pilih kecamatan."),
        ({**FULL, "desa": ""}, "desa", "Pilih desa/kelurahan."),
        ({**FULL, "desa": "73.71.07.9999"}, "desa", "Wilayah tidak dikenal."),
        ({**FULL, "kecamatan": "tallo"}, "kecamatan", "Wilayah tidak dikenal."),
        ({**FULL, "kabupaten": "73.71.07"}, "kabupaten", "Wilayah tidak dikenal."),
        ({**FULL, "provinsi": "32"}, "kabupaten", "Kota Makassar tidak berada di Jawa Barat."),
        (
            {**FULL, "kecamatan": "32.01.01"},
            "kecamatan",
            "Cibinong tidak berada di Kota Makassar.",
        ),
        ({**FULL, "desa": "32.01.01.1001"}, "desa", "tidak berada di Tallo."),
        ({**FULL, "desa": "\x00" + "9" * 5000}, "desa", "Wilayah tidak dikenal."),
    ],
)
def test_each_choice_must_lie_inside_the_one_above(regions, data, field, message):
    form = NeedForm({"title": "Beras", **data})
    assert not form.is_valid()
    assert list(form.errors) == [field]
    assert message in form.errors[field][0]


def test_choices_below_an_empty_one_are_ignored(regions):
    # Without JavaScript an upper select may be emptied while the ones below keep their value.
    form = NeedForm({"title": "Beras", **FULL, "kecamatan": ""})
    assert not form.is_valid()
    assert form.errors == {"kecamatan": ["Pilih kecamatan."]}


def test_optional_picker(regions):
    class Filter(RegionPickerMixin, forms.Form):
        pass

    empty = Filter({})
    assert empty.is_valid()
    assert empty.cleaned_data["region"] is None
    kabupaten = Filter({"provinsi": "32", "kabupaten": "32.01"})
    assert kabupaten.is_valid()
    assert kabupaten.cleaned_data["region"].name == "Kabupaten Bogor"
    assert not Filter({"provinsi": "99"}).is_valid()
    at_least = Filter({"provinsi": "32"}, required_level=2)
    assert at_least.errors == {"kabupaten": ["Pilih kabupaten/kota."]}


def test_selects_appear_one_level_at_a_time(regions):
    assert 'name="kabupaten"' not in render(NeedForm())
    page = render(NeedForm({"provinsi": "73"}))
    assert '<option value="73" selected>Sulawesi Selatan</option>' in page
    assert '<option value="73.71">Kota Makassar</option>' in page
    assert 'name="kecamatan"' not in page
    full = render(NeedForm(FULL))
    assert '<option value="73.71.07.1007" selected>Tallo</option>' in full
    assert '<option value="73.71.07.1002">Kalukuang</option>' in full
    # what the picker offers is by name, and only what lies inside the choice above
    kecamatan = full.split('name="kecamatan"')[1].split("</select>")[0]
    assert kecamatan.index("Biringkanaya") < kecamatan.index("Wajo")
    assert "Cibinong" not in kecamatan


def test_a_form_can_start_from_initial_codes(regions):
    form = NeedForm(initial={"provinsi": "32", "kabupaten": "32.01"})
    page = render(form)
    assert '<option value="32.01" selected>Kabupaten Bogor</option>' in page
    assert '<option value="32.01.01">Cibinong</option>' in page


def test_refresh_without_javascript_keeps_every_field_and_shows_no_errors(regions):
    typed = {"title": "", "note": "Untuk 40 KK", "provinsi": "73"}
    form = NeedForm({**typed, "region_refresh": "1"})
    assert not form.is_valid()
    assert form.errors == {}
    assert "Untuk 40 KK" in str(form["note"])
    picker = render(form)
    assert '<option value="73.71">Kota Makassar</option>' in picker
    assert 'role="alert"' not in picker
    # The same data without the button is a submission, with its errors.
    submitted = NeedForm(typed)
    assert set(submitted.errors) == {"title", "kabupaten"}
    assert "Pilih kabupaten/kota." in render(submitted)


def test_refresh_through_a_page_keeps_what_was_typed(client, regions):
    # /wilayah/cari/ holds the picker next to its own field, q.
    page = client.get(
        "/wilayah/cari/",
        {"q": "tallo", "provinsi": "73", "kabupaten": "73.71", "region_refresh": "1"},
    ).content.decode()
    assert 'value="tallo"' in page
    assert '<option value="73.71" selected>Kota Makassar</option>' in page
    assert '<option value="73.71.07">Tallo</option>' in page
    assert 'data-testid="region-results"' not in page  # a refresh is not a search
    assert 'name="region_refresh"' in page
    assert "Tampilkan pilihan berikutnya" in page
    assert 'role="alert"' not in page


def test_htmx_gets_the_next_select(client, regions):
    page = client.get("/wilayah/")
    picker = page.content.decode().split('data-testid="region-picker"')[1].split(">")[0]
    assert 'hx-get="/wilayah/pilih/"' in picker
    assert 'hx-trigger="change"' in picker
    assert 'hx-include="this"' in picker
    vals = json.loads(picker.split('hx-vals="')[1].split('"')[0].replace("&quot;", '"'))
    assert vals == {"region_refresh": "1", "wajib": "0"}
    response = client.get(
        "/wilayah/pilih/",
        {"provinsi": "73", "kabupaten": "73.71", **vals},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    fragment = response.content.decode()
    assert "<html" not in fragment
    assert fragment.count('data-testid="region-picker"') == 1
    assert '<option value="73.71.07">Tallo</option>' in fragment
    assert 'name="desa"' not in fragment
    assert 'role="alert"' not in fragment


def test_htmx_picker_keeps_the_required_level_and_prefix(client, regions):
    form = NeedForm(prefix="need")
    vals = json.loads(form.region_picker_vals)
    assert vals == {"region_refresh": "1", "wajib": "4", "awalan": "need"}
    fragment = client.get(
        "/wilayah/pilih/", {"need-provinsi": "32", **vals}, headers={"HX-Request": "true"}
    ).content.decode()
    assert 'name="need-kabupaten" required id="id_need-kabupaten"' in fragment
    assert '<option value="32.01">Kabupaten Bogor</option>' in fragment


@pytest.mark.parametrize(
    "params",
    [
        {"provinsi": "\x00"},
        {"provinsi": "73", "kabupaten": "x" * 10_000},
        {"wajib": "9", "awalan": "<script>"},
        {"provinsi": "🙂", "wajib": "-1"},
    ],
)
def test_htmx_picker_takes_any_input(client, regions, params):
    response = client.get("/wilayah/pilih/", params)
    assert response.status_code == 200
    assert "<script>" not in response.content.decode()
