"""API v1: in-kind aid (needs with their lines' requested / pledged / delivered, offers, and
pledging a quantity of a need line). Public answers never carry a phone number, an RT/RW or
anyone's email."""

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.errors import ValidationError as NinjaValidationError
from ninja.pagination import paginate
from ninja.security import django_auth

from gotong.api.errors import ErrorCode, NotFound, error_body, rate_limit_check
from gotong.api.pagination import PageNumbers
from gotong.api.schemas import ErrorOut
from gotong.api.tokens import token_write
from gotong.inkind.catalogue import Item, unit_label
from gotong.inkind.models import Need, NeedLine, Offer, Urgency
from gotong.inkind.needs import LineInput, need_create, need_submit
from gotong.inkind.pledges import pledge_create
from gotong.inkind.selectors import need_public_get, needs_public, offers_public
from gotong.inkind.transitions import NeedStatus
from gotong.regions.models import Region

router = Router(tags=["in-kind aid"])
CODE_PATTERN = r"^[0-9]{2}(\.[0-9]{2}(\.[0-9]{2}(\.[0-9]{4})?)?)?$"


class RegionRefOut(Schema):
    code: str
    name: str
    path: str


class NeedLineOut(Schema):
    id: int
    item: str
    item_label: str
    unit: str
    requested: int
    pledged: int
    delivered: int
    remaining: int


class NeedOut(Schema):
    id: int
    title: str
    status: str
    urgency: str
    region: RegionRefOut
    needed_by: datetime.date
    people_served: int
    story: str
    created_at: datetime.datetime
    opened_at: datetime.datetime | None
    campaign: str | None = Field(None, description="slug of the linked money campaign")
    lines: list[NeedLineOut]

    @staticmethod
    def resolve_campaign(need: Need) -> str | None:
        return need.campaign.slug if need.campaign else None

    @staticmethod
    def resolve_lines(need: Need) -> list[dict[str, Any]]:
        return [_line(line) for line in need.lines.all()]


class OfferLineOut(Schema):
    item: str
    item_label: str
    unit: str
    quantity: int


class OfferOut(Schema):
    id: int
    title: str
    description: str
    standing: bool
    available_until: datetime.date | None
    regions: list[RegionRefOut]
    lines: list[OfferLineOut]

    @staticmethod
    def resolve_regions(offer: Offer) -> list[Region]:
        return list(offer.regions.all())

    @staticmethod
    def resolve_lines(offer: Offer) -> list[dict[str, Any]]:
        return [
            {
                "item": line.item,
                "item_label": line.item_other or str(Item(line.item).label),
                "unit": unit_label(line.item, line.unit),
                "quantity": line.quantity,
            }
            for line in offer.lines.all()
        ]


class NeedLineIn(Schema):
    item: Item
    quantity: int
    item_other: str = Field("", description="the item's name when `item` is `lainnya`")
    unit: str = ""


class NeedIn(Schema):
    region: str = Field(description="Kemendagri code of the desa/kelurahan")
    place_detail: str = Field(description="RT/RW or a landmark; never shown publicly")
    contact_whatsapp: str = Field(description="shown only to a helper once matched")
    title: str
    story: str = ""
    people_served: int
    needed_by: datetime.date
    urgency: Urgency = Urgency.NORMAL
    lines: list[NeedLineIn]


class NeedCreatedOut(Schema):
    id: int
    status: str = Field(description="`in_review` (a moderator looks first) or `open`")


class PledgeIn(Schema):
    line_id: int
    quantity: int
    deliver_by: datetime.date
    whatsapp: str = Field(
        description="the helper's WhatsApp; shown only to the poster once matched"
    )
    note: str = ""


class PledgeOut(Schema):
    id: int
    line_id: int
    quantity: int
    deliver_by: datetime.date
    status: str


def _line(line: NeedLine) -> dict[str, Any]:
    return {
        "id": line.pk,
        "item": line.item,
        "item_label": line.label,
        "unit": unit_label(line.item, line.unit),
        "requested": line.quantity,
        "pledged": line.pledged,
        "delivered": line.delivered,
        "remaining": line.remaining,
    }


def _region_code(region: str | None) -> str | None:
    if region is None:
        return None
    code = region.strip()
    if not Region.objects.filter(code=code).exists():
        raise NinjaValidationError([{"loc": ["region"], "msg": _("Kode wilayah tidak dikenal.")}])
    return code


class NeedFilters(Schema):
    region: str | None = Field(None, pattern=CODE_PATTERN, description="Kemendagri code")
    item: Item | None = None
    status: NeedStatus | None = None


@router.get("/needs", response={200: list[NeedOut], 422: ErrorOut}, operation_id="needs_list")
@paginate(PageNumbers, page_size=20)
def needs_list(request: HttpRequest, filters: Query[NeedFilters]) -> Any:
    """Public needs (open unless `status` says otherwise), most urgent first; `region`
    includes every region inside it."""
    status = filters.status.value if filters.status else NeedStatus.OPEN
    needs = needs_public(
        region=_region_code(filters.region),
        item=filters.item.value if filters.item else None,
        status=status,
    )
    return needs


@router.get("/needs/{need_id}", response={200: NeedOut, 404: ErrorOut}, operation_id="need_get")
def need_get(request: HttpRequest, need_id: int) -> Any:
    need = need_public_get(pk=need_id)
    if need is None:
        raise NotFound(_("Kebutuhan tidak ditemukan."))
    return need


class OfferFilters(Schema):
    region: str | None = Field(None, pattern=CODE_PATTERN)
    item: Item | None = None


@router.get("/offers", response={200: list[OfferOut], 422: ErrorOut}, operation_id="offers_list")
@paginate(PageNumbers, page_size=20)
def offers_list(request: HttpRequest, filters: Query[OfferFilters]) -> Any:
    offers = offers_public(
        region=_region_code(filters.region), item=filters.item.value if filters.item else None
    )
    return offers


def _invalid(exc: ValidationError) -> Status:
    errors = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
    return Status(422, error_body(ErrorCode.INVALID, _("Data tidak valid."), errors))


@router.post(
    "/needs",
    response={201: NeedCreatedOut, 401: ErrorOut, 403: ErrorOut, 422: ErrorOut},
    auth=[token_write, django_auth],
    operation_id="need_create",
)
def need_post(request: HttpRequest, payload: NeedIn) -> Any:
    """Post a need with its lines and send it out, as the web form does: a first need waits
    for a moderator, later ones open at once. Signed in, or with a `write` API token."""
    poster = request.user
    try:
        need = need_create(
            poster=poster,  # type: ignore[arg-type]
            region_code=payload.region.strip(),
            place_detail=payload.place_detail,
            contact_whatsapp=payload.contact_whatsapp,
            title=payload.title,
            story=payload.story,
            people_served=payload.people_served,
            needed_by=payload.needed_by,
            urgency=payload.urgency.value,
            lines=[
                LineInput(
                    item=line.item.value,
                    quantity=line.quantity,
                    item_other=line.item_other,
                    unit=line.unit,
                )
                for line in payload.lines
            ],
        )
    except ValidationError as exc:
        return _invalid(exc)
    moved = need_submit(need=need, actor=poster)  # type: ignore[arg-type]
    return Status(201, {"id": need.pk, "status": moved.status})


@router.post(
    "/needs/{need_id}/pledges",
    response={
        201: PledgeOut,
        401: ErrorOut,
        403: ErrorOut,
        404: ErrorOut,
        422: ErrorOut,
        429: ErrorOut,
    },
    auth=[token_write, django_auth],
    operation_id="need_pledge_create",
)
def need_pledge_create(request: HttpRequest, need_id: int, payload: PledgeIn) -> Any:
    """Pledge a quantity of one of the need's lines (signed in). The poster accepts it; only
    then do the two see each other's WhatsApp. Signed in, or with a `write` API token."""
    rate_limit_check(request, "pledge")
    need = need_public_get(pk=need_id)
    if need is None:
        raise NotFound(_("Kebutuhan tidak ditemukan."))
    line = next((ln for ln in need.lines.all() if ln.pk == payload.line_id), None)
    if line is None:
        raise NotFound(_("Barang itu tidak ada di kebutuhan ini."))
    try:
        pledge = pledge_create(
            actor=request.user,  # type: ignore[arg-type]
            line=line,
            quantity=payload.quantity,
            deliver_by=payload.deliver_by,
            whatsapp=payload.whatsapp,
            note=payload.note,
        )
    except PermissionDenied:
        return Status(403, error_body(ErrorCode.FORBIDDEN, _("Tidak diizinkan.")))
    except ValidationError as exc:
        return _invalid(exc)
    return Status(
        201,
        {
            "id": pledge.pk,
            "line_id": line.pk,
            "quantity": pledge.quantity,
            "deliver_by": pledge.deliver_by,
            "status": pledge.status,
        },
    )
