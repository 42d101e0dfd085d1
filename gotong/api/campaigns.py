"""API v1: campaigns (the list and its search, one campaign, what each fundraiser raised)."""

from typing import Any, cast

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Status
from ninja.errors import ValidationError
from ninja.pagination import paginate
from ninja.security import django_auth

from gotong.accounts.models import User
from gotong.api.errors import ErrorCode, NotFound, error_body
from gotong.api.pagination import CampaignPages, SearchPages
from gotong.api.schemas import CampaignOut, ErrorOut, ReferrerTotalOut
from gotong.api.tokens import token_read
from gotong.campaigns.models import Category
from gotong.campaigns.selectors import (
    campaign_get_public,
    campaign_get_visible,
    campaigns_by_category,
)
from gotong.referrals.selectors import referrers_top
from gotong.search.selectors import SearchSort
from gotong.search.text import MAX_QUERY_LENGTH

router = Router(tags=["campaigns"])


@router.get(
    "/campaigns",
    response={200: list[CampaignOut], 422: ErrorOut},
    operation_id="gotong_api_urls_campaigns_list",
)
@paginate(CampaignPages, page_size=20)
def campaigns_list(
    request: HttpRequest,
    q: Query[str | None] = None,
    category: Query[Category | None] = None,
    sort: Query[SearchSort | None] = None,
) -> Any:
    """Published campaigns open for donations, newest first; `?category=` filters.

    `?q=` searches title, story, beneficiary and location (at most 200 characters; words are
    matched by their root, so `pengobatan` finds `berobat`), best match first. `?sort=` orders
    by `relevan`, `mendesak` (nearest deadline), `terbaru`, `hampir-tercapai` (only campaigns
    with 70 % of their target or more, not yet all of it; highest share first) or `donatur`
    (most donors), with or without `q`. A category's name is a search word too. With `q` or
    `sort`, `count` counts at most 1,000 campaigns (or as far as the page asked for) and
    `total_is_lower_bound` says when more match."""
    text = (q or "").strip()
    if len(text) > MAX_QUERY_LENGTH:
        message = _("Kata pencarian paling banyak %(n)d karakter.") % {"n": MAX_QUERY_LENGTH}
        raise ValidationError([{"loc": ["q"], "msg": message}])
    category_value = category.value if category else None
    if not text and sort is None:
        return campaigns_by_category(category=category_value)
    return SearchPages(q=text, category=category_value, sort=sort or SearchSort.RELEVAN)


@router.get(
    "/campaigns/{slug}",
    response={200: CampaignOut, 404: ErrorOut},
    operation_id="gotong_api_urls_campaign_detail",
)
def campaign_detail(request: HttpRequest, slug: str) -> Any:
    campaign = campaign_get_public(slug=slug)
    if campaign is None:
        raise NotFound(_("Kampanye tidak ditemukan."))
    return campaign


@router.get(
    "/campaigns/{slug}/referrers",
    response={200: list[ReferrerTotalOut], 401: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    auth=[token_read, django_auth],
    operation_id="gotong_api_urls_campaign_referrers",
)
def campaign_referrers(request: HttpRequest, slug: str) -> Any:
    """What each person's fundraiser link (`?ref=`) raised, settled donations only, largest
    first; public names, never emails. Only for the campaign's owner, signed in on the site
    (session cookie) or with an API token: 401 otherwise, 403 for anyone else."""
    user = cast(User, request.user)  # signed in or a token's: `auth` let no one else through
    campaign = campaign_get_visible(slug=slug, viewer=user)
    if campaign is None:
        return Status(404, error_body(ErrorCode.NOT_FOUND, _("Kampanye tidak ditemukan.")))
    if campaign.owner_id != user.pk:
        only_owner = _("Hanya pemilik kampanye yang dapat melihat data ini.")
        return Status(403, error_body(ErrorCode.FORBIDDEN, only_owner))
    return [row._asdict() for row in referrers_top(campaign=campaign, limit=None)]
