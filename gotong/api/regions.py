"""API v1: Indonesia's administrative regions by Kemendagri code (provinsi → kabupaten/kota →
kecamatan → desa/kelurahan), for address pickers and region filters."""

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status
from ninja.errors import ValidationError

from gotong.api.errors import ErrorCode, error_body
from gotong.api.schemas import ErrorOut
from gotong.regions import selectors
from gotong.regions.models import Region
from gotong.regions.selectors import MAX_QUERY_LENGTH, RegionCodeInvalid

router = Router(tags=["regions"])


def _not_found() -> Status:
    return Status(404, error_body(ErrorCode.NOT_FOUND, _("Wilayah tidak ditemukan.")))


class RegionOut(Schema):
    code: str  # dotted: "73", "73.71", "73.71.07", "73.71.07.1001"
    name: str
    level: int  # 1 provinsi, 2 kabupaten/kota, 3 kecamatan, 4 desa/kelurahan
    kind: str  # provinsi, kabupaten, kota, kecamatan, distrik, kelurahan, desa, desa_adat
    path: str  # the region and its parents, nearest first


class RegionRefOut(Schema):
    code: str
    name: str
    level: int


class RegionDetailOut(RegionOut):
    postal_code: str  # kode pos of a desa/kelurahan; empty above
    parent: str | None  # the parent's code
    parents: list[RegionRefOut]  # province first
    children_count: int


def _region(value: str, *, field: str) -> Region | None:
    try:
        return selectors.region_get(code=value)
    except RegionCodeInvalid as exc:
        raise ValidationError([{"loc": [field], "msg": str(exc)}]) from exc


@router.get(
    "/regions",
    response={200: list[RegionOut], 404: ErrorOut, 422: ErrorOut},
    operation_id="regions_list",
)
def regions_list(
    request: HttpRequest, parent: Query[str | None] = None, q: Query[str | None] = None
) -> Any:
    """The regions directly inside `?parent=` (a code, dotted or digits only: `73.71` or
    `7371`), by name; without it the 38 provinces. Unknown parent: 404; not a code: 422.

    `?q=` searches names instead (within `parent` when given; at most 100 characters), best
    match first, at most 20: `kota makassar`, `kab bogor`, `tallo`."""
    within = None
    if parent:
        within = _region(parent, field="parent")
        if within is None:
            return _not_found()
    text = (q or "").strip()
    if len(text) > MAX_QUERY_LENGTH:
        message = _("Kata pencarian paling banyak %(n)d karakter.") % {"n": MAX_QUERY_LENGTH}
        raise ValidationError([{"loc": ["q"], "msg": message}])
    if text:
        return selectors.regions_search(query=text, within=within)
    if within:
        return selectors.region_children(region=within)
    return selectors.regions_provinces()


@router.get(
    "/regions/{code}",
    response={200: RegionDetailOut, 404: ErrorOut, 422: ErrorOut},
    operation_id="region_get",
)
def region_get(request: HttpRequest, code: str) -> Any:
    """One region by code (dotted or digits only), with its parents (province first) and how
    many regions lie directly inside it."""
    region = _region(code, field="code")
    if region is None:
        return _not_found()
    return {
        "code": region.code,
        "name": region.name,
        "level": region.level,
        "kind": region.kind,
        "path": region.path,
        "postal_code": region.postal_code,
        "parent": region.parent_id,
        "parents": selectors.region_parents(region=region),
        "children_count": selectors.region_children(region=region).count(),
    }
