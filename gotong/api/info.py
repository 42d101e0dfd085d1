"""API v1: help information with its sources and its public status history."""

import datetime
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.errors import ValidationError as NinjaValidationError
from ninja.pagination import paginate

from gotong.api.errors import NotFound
from gotong.api.pagination import PageNumbers
from gotong.api.schemas import ErrorOut
from gotong.info.kinds import InfoKind
from gotong.info.models import InfoPost
from gotong.info.selectors import info_get, info_public
from gotong.info.transitions import InfoStatus
from gotong.regions.models import Region

router = Router(tags=["help information"])
CODE_PATTERN = r"^[0-9]{2}(\.[0-9]{2}(\.[0-9]{2}(\.[0-9]{4})?)?)?$"


class InfoSourceOut(Schema):
    kind: str
    url: str = Field(description="for a link; empty otherwise")
    file_url: str = Field(description="for an uploaded photo or document; empty otherwise")
    seen_on: datetime.date


class InfoHistoryOut(Schema):
    id: int = Field(description="the change's id: `verify_log.py --info` finds its log leaf by it")
    at: datetime.datetime
    event: str
    from_status: str
    to_status: str
    role: str = Field(description="penulis, warga, verifikator or sistem")
    reason: str
    evidence: str


class InfoClaimOut(Schema):
    text: str = Field(description="the claim, quoted as it spread")
    spread_on: str = Field(description="where it spread, e.g. grup WhatsApp, Facebook")
    archive_url: str
    verdict: str = Field(
        description="salah, hoaks, penipuan, disinformasi, belum_terbukti or fakta"
    )
    verdict_label: str = Field(description="the label fact-checkers use, e.g. SALAH")
    method: str = Field(description="how it was checked")
    references: list[str]


class InfoOut(Schema):
    id: int
    kind: str
    status: str
    title: str
    what: str
    when: str
    where: str
    institution_contact: str = Field(description="only for institutions")
    region: dict[str, str]
    checked_at: datetime.datetime
    expires_at: datetime.datetime
    revision: int
    sources: list[InfoSourceOut]
    history: list[InfoHistoryOut]
    claim: InfoClaimOut | None = Field(None, description="only for kind klarifikasi_hoaks")

    @staticmethod
    def resolve_when(post: InfoPost) -> str:
        return post.when_text

    @staticmethod
    def resolve_where(post: InfoPost) -> str:
        return post.where_text

    @staticmethod
    def resolve_region(post: InfoPost) -> dict[str, str]:
        return {"code": post.region.code, "name": post.region.name, "path": post.region.path}

    @staticmethod
    def resolve_sources(post: InfoPost) -> list[dict[str, Any]]:
        return [
            {
                "kind": s.kind,
                "url": s.url,
                "file_url": s.file.url if s.file else "",
                "seen_on": s.seen_on,
            }
            for s in post.sources.all()
        ]

    @staticmethod
    def resolve_claim(post: InfoPost) -> dict[str, Any] | None:
        if not post.has_claim:
            return None
        return {
            "text": post.claim_text,
            "spread_on": post.claim_spread_on,
            "archive_url": post.claim_archive_url,
            "verdict": post.claim_verdict,
            "verdict_label": post.claim_verdict_label,
            "method": post.claim_method,
            "references": post.claim_reference_list,
        }

    @staticmethod
    def resolve_history(post: InfoPost) -> list[dict[str, Any]]:
        return [
            {
                "id": h.pk,
                "at": h.created_at,
                "event": h.event,
                "from_status": h.from_status,
                "to_status": h.to_status,
                "role": h.role,
                "reason": h.reason,
                "evidence": h.evidence,
            }
            for h in post.history.all()
        ]


class InfoFilters(Schema):
    region: str | None = Field(None, pattern=CODE_PATTERN, description="Kemendagri code")
    kind: InfoKind | None = None
    status: InfoStatus | None = None


@router.get("/info", response={200: list[InfoOut], 422: ErrorOut}, operation_id="info_list")
@paginate(PageNumbers, page_size=20)
def info_list(request: HttpRequest, filters: Query[InfoFilters]) -> Any:
    """Help information, most recently checked first; live posts unless `status` asks for
    `salah` or `kedaluwarsa`. `region` includes every region inside it."""
    if filters.region and not Region.objects.filter(code=filters.region).exists():
        raise NinjaValidationError([{"loc": ["region"], "msg": _("Kode wilayah tidak dikenal.")}])
    return info_public(
        region=filters.region,
        kind=filters.kind.value if filters.kind else None,
        status=filters.status.value if filters.status else None,
    )


@router.get("/info/{info_id}", response={200: InfoOut, 404: ErrorOut}, operation_id="info_get")
def info_detail(request: HttpRequest, info_id: int) -> Any:
    post = info_get(pk=info_id)
    if post is None:
        raise NotFound(_("Info tidak ditemukan."))
    return post
