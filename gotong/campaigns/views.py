from __future__ import annotations

from typing import cast

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.functional import SimpleLazyObject as lazy
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import HttpResponseClientRedirect

from gotong.accounts.models import User
from gotong.accounts.roles import Role, has_role
from gotong.audit.selectors import audit_for
from gotong.campaigns import covers, selectors, services
from gotong.campaigns.forms import CampaignForm, ReviewForm
from gotong.campaigns.models import PUBLIC_STATUSES, Campaign, CampaignStatus, Category
from gotong.core.forms import apply_validation_error
from gotong.core.pagecache import csrf_fill
from gotong.disbursements.selectors import disbursements_timeline
from gotong.donations.fees import fee_policy_text
from gotong.donations.selectors import amen_latest, donations_settled, prayers_of
from gotong.info.selectors import info_links_of
from gotong.inkind.selectors import needs_of_campaign
from gotong.moderation import reviews
from gotong.opendata.charts import campaign_chart
from gotong.recurring.selectors import active_plan_count, plan_totals
from gotong.referrals.selectors import referral_totals_for, referrers_top
from gotong.regions.forms import region_initial
from gotong.updates.selectors import updates_for
from gotong.verification.selectors import (
    user_is_verified,
    verification_of,
    verifications_by_user,
)

DONOR_LIST_SIZE = 20
PRAYER_LIST_SIZE = 10


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "campaigns/home.html",
        {
            "featured": selectors.campaigns_featured(),
            "newest": selectors.campaigns_newest(),
            "nearly_funded": selectors.campaigns_nearly_funded(),
            "categories": Category.choices,
        },
    )


@require_GET
def campaign_list(request: HttpRequest) -> HttpResponse:
    category = request.GET.get("kategori") or None
    if category is not None and category not in Category.values:
        category = None
    page = Paginator(selectors.campaigns_by_category(category=category), 12).get_page(
        request.GET.get("halaman")
    )
    return render(
        request,
        "campaigns/list.html",
        {"page": page, "category": category, "categories": Category.choices},
    )


def _visible_or_404(request: HttpRequest, slug: str) -> Campaign:
    campaign = selectors.campaign_get_visible(slug=slug, viewer=request.user)  # type: ignore[arg-type]
    if campaign is None:
        raise Http404
    return campaign


@require_GET
def campaign_detail(request: HttpRequest, slug: str) -> HttpResponse:
    campaign = selectors.campaign_get_page(slug=slug, viewer=request.user)  # type: ignore[arg-type]
    if campaign is None:
        raise Http404
    # What every viewer sees alike is kept in {% cache %} fragments of the template, keyed by
    # the page cache's validator: its reads are lazy, so a kept fragment costs no query.
    payouts = lazy(lambda: disbursements_timeline(campaign=campaign))
    response = render(
        request,
        "campaigns/detail.html",
        {
            "campaign": campaign,
            "fragments": _fragments_key(campaign),
            "donations": lazy(lambda: list(donations_settled(campaign=campaign)[:DONOR_LIST_SIZE])),
            "prayers": lazy(
                lambda: list(
                    prayers_of(campaign=campaign, viewer=request.user)[:PRAYER_LIST_SIZE]  # type: ignore[arg-type]
                )
            ),
            # Guests' prayers are alike (no one's own Aamiin), kept until the next Aamiin.
            "amens": lazy(amen_latest) if settings.PAGE_CACHE_SECONDS > 0 else 0,
            "payouts": payouts,
            "progress_html": lazy(lambda: _progress_html(campaign)),
            "fee_policy": lazy(lambda: fee_policy_text(category=campaign.category)),
            "updates": lazy(lambda: list(updates_for(campaign=campaign)[:10])),
            "owner_verified": lazy(lambda: user_is_verified(user=campaign.owner)),
            "overdue": lazy(lambda: [step for step in payouts if step.overdue]),
            "moderation_log": lazy(lambda: list(audit_for(target=campaign, staff_only=True))),
            "top_fundraisers": lazy(lambda: referrers_top(campaign=campaign)),
            # Only campaigns that take plans have any: the others spend no query on it.
            "plan_count": lazy(
                lambda: active_plan_count(campaign=campaign) if campaign.recurring_allowed else 0
            ),
            "in_kind_needs": lazy(lambda: needs_of_campaign(campaign=campaign)),
            "daily_charts": lazy(
                lambda: [chart] if (chart := campaign_chart(campaign=campaign)) else []
            ),
            "info_links": lazy(lambda: info_links_of(campaign=campaign)),
            "link_action": reverse("info:link-campaign", args=[campaign.slug])
            if campaign.owner_id == request.user.pk
            else "",
            "can_review": campaign.status == CampaignStatus.IN_REVIEW
            and campaign.owner_id != request.user.pk
            and has_role(cast(User, request.user), Role.MODERATOR),
        },
    )
    return csrf_fill(request, response)


def _fragments_key(campaign: Campaign) -> str:
    """What the page's shared fragments vary on: the campaign, the language and the page
    cache's validator (status, counters, `updated_at`, newest audit row), so a donation, a
    kabar terbaru or a staff decision shows on the next request; the rest is at most
    PAGE_CACHE_SECONDS old, as on a cached page."""
    return f"{campaign.pk}|{get_language()}|{selectors.campaign_version(campaign)!r}"


def _progress_html(campaign: Campaign) -> str:
    return render_to_string(
        "campaigns/_progress.html",
        {"campaign": campaign, "poll_seconds": settings.LIVE_TOTAL_POLL_SECONDS},
    )


@require_GET
def campaign_progress(request: HttpRequest, slug: str) -> HttpResponse:
    """The live total: a small fragment the campaign page polls; cached for a few seconds."""
    key = f"campaign-progress:{slug}"
    html = cache.get(key)
    if html is None:
        campaign = selectors.campaign_get_public(slug=slug)
        if campaign is None:
            raise Http404
        html = _progress_html(campaign)
        cache.set(key, html, settings.LIVE_TOTAL_CACHE_SECONDS)
    response = HttpResponse(html)
    response["Cache-Control"] = f"public, max-age={settings.LIVE_TOTAL_CACHE_SECONDS}"
    return response


def _details(form: CampaignForm) -> services.CampaignDetails:
    data = form.cleaned_data
    return services.CampaignDetails(
        title=data["title"],
        summary=data["summary"],
        story=data["story"],
        target=data["target"],
        deadline=data["deadline"],
        category=data["category"],
        beneficiary=data["beneficiary"],
        cover=data.get("cover"),
        location=data.get("location", ""),
        region_code=data["region"].code if data.get("region") else "",
        recurring_allowed=data.get("recurring_allowed", False),
    )


def _form_done(request: HttpRequest, campaign: Campaign) -> HttpResponse:
    """Back to the campaign page. The form may come through htmx (to show the cover's upload
    progress, campaigns/form.html): then the browser is told to load the page itself, with
    its message, rather than htmx following the redirect."""
    url = campaign.get_absolute_url()
    return HttpResponseClientRedirect(url) if request.htmx else redirect(url)  # type: ignore[attr-defined]


@login_required
@require_http_methods(["GET", "POST"])
def campaign_create(request: HttpRequest) -> HttpResponse:
    form = CampaignForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            campaign = services.campaign_create(owner=request.user, details=_details(form))  # type: ignore[arg-type]
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(
                request, _("Draf kampanye tersimpan. Periksa lalu ajukan untuk ditinjau.")
            )
            return _form_done(request, campaign)
    return render(request, "campaigns/form.html", {"form": form, "campaign": None})


@login_required
@require_http_methods(["GET", "POST"])
def campaign_edit(request: HttpRequest, slug: str) -> HttpResponse:
    campaign = get_object_or_404(Campaign, slug=slug, owner=request.user)
    if campaign.status != CampaignStatus.DRAFT:
        messages.error(request, _("Kampanye hanya bisa diubah selama masih draf."))
        return _form_done(request, campaign)
    initial = {
        f: getattr(campaign, f)
        for f in (
            "title",
            "summary",
            "category",
            "beneficiary",
            "location",
            "target",
            "deadline",
            "story",
            "recurring_allowed",
        )
    } | region_initial(campaign.region)
    form = CampaignForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.campaign_update(campaign=campaign, actor=request.user, details=_details(form))  # type: ignore[arg-type]
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Perubahan tersimpan."))
            return _form_done(request, campaign)
    return render(request, "campaigns/form.html", {"form": form, "campaign": campaign})


@login_required
@require_POST
def campaign_submit(request: HttpRequest, slug: str) -> HttpResponse:
    campaign = get_object_or_404(Campaign, slug=slug, owner=request.user)
    try:
        services.campaign_submit(campaign=campaign, actor=request.user)  # type: ignore[arg-type]
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Kampanye diajukan. Tim kami akan meninjaunya."))
    return redirect("campaigns:detail", slug=slug)


@login_required
@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    campaigns = list(selectors.campaigns_owned(owner=request.user))  # type: ignore[arg-type]
    recent = {c.pk: list(donations_settled(campaign=c)[:5]) for c in campaigns}
    rows = [(c, recent[c.pk], plan_totals(campaign=c)) for c in campaigns]
    referred = referral_totals_for(user=request.user)  # type: ignore[arg-type]
    return render(request, "campaigns/dashboard.html", {"rows": rows, "referred": referred})


def _require_moderator(request: HttpRequest) -> None:
    """Campaign review is the moderators' (and admins') job, not every staff member's."""
    if not has_role(cast(User, request.user), Role.MODERATOR):
        raise PermissionDenied


@login_required
@require_GET
def review_queue(request: HttpRequest) -> HttpResponse:
    _require_moderator(request)
    campaigns = list(selectors.campaigns_in_review())
    kyc = verifications_by_user(user_ids={c.owner_id for c in campaigns})
    rows = [(c, kyc.get(c.owner_id)) for c in campaigns]
    return render(request, "campaigns/review_queue.html", {"rows": rows})


@login_required
@require_http_methods(["GET", "POST"])
def review_detail(request: HttpRequest, slug: str) -> HttpResponse:
    _require_moderator(request)
    campaign = get_object_or_404(Campaign.objects.select_related("owner", "region"), slug=slug)
    form = ReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        decision, reason = form.cleaned_data["decision"], form.cleaned_data["reason"]
        try:
            if decision == "publish":
                reviews.review_publish(campaign=campaign, actor=request.user, reason=reason)  # type: ignore[arg-type]
                messages.success(request, _("Kampanye diterbitkan."))
            else:
                reviews.review_reject(campaign=campaign, actor=request.user, reason=reason)  # type: ignore[arg-type]
                messages.success(request, _("Kampanye dikembalikan ke penggalang dana."))
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            return redirect("campaigns:review-queue")
    context = {
        "campaign": campaign,
        "form": form,
        "audit": audit_for(target=campaign),
        "kyc": verification_of(user=campaign.owner),
        "history": selectors.campaign_owner_history(campaign=campaign),
    }
    return render(request, "campaigns/review_detail.html", context)


@require_GET
def campaign_cover(request: HttpRequest, slug: str, width: int, fmt: str) -> FileResponse:
    """A campaign's cover at a phone-friendly size (gotong/campaigns/covers.py), to whoever
    may see the campaign page; only public campaigns' covers may be cached by others."""
    campaign = _visible_or_404(request, slug)
    name = covers.cover_variant(campaign=campaign, width=width, fmt=fmt)
    if name is None:
        raise Http404
    content_type = "image/webp" if fmt == "webp" else "image/jpeg"
    response = FileResponse(default_storage.open(name, "rb"), content_type=content_type)
    if campaign.status not in PUBLIC_STATUSES:
        response["Cache-Control"] = "private, no-cache"
    elif request.GET.get("v") == covers.cover_version(campaign):
        response["Cache-Control"] = "public, max-age=31536000, immutable"
    else:
        response["Cache-Control"] = "public, max-age=600"
    return response
