from __future__ import annotations

from typing import cast

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from gotong.accounts.models import User
from gotong.accounts.roles import Role, has_role
from gotong.audit.selectors import audit_for
from gotong.campaigns.models import Campaign
from gotong.campaigns.selectors import campaign_get_visible
from gotong.core.forms import apply_validation_error
from gotong.core.ratelimit import rate_limited
from gotong.moderation import services
from gotong.moderation.models import AbuseReport, ReportReason, ReportStatus


class ReportForm(forms.Form):
    reason = forms.ChoiceField(label=gettext_lazy("Alasan"), choices=ReportReason.choices)
    text = forms.CharField(
        label=gettext_lazy("Penjelasan"), widget=forms.Textarea(attrs={"rows": 5}), max_length=2000
    )


class ActionForm(forms.Form):
    action = forms.ChoiceField(
        choices=[(a, a) for a in ("dismiss", "request_info", "suspend", "close_refund")]
    )
    report = forms.IntegerField(required=False)
    reason = forms.CharField(
        label=gettext_lazy("Alasan"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


@require_http_methods(["GET", "POST"])
@rate_limited("report")
def report_create(request: HttpRequest, slug: str) -> HttpResponse:
    campaign = campaign_get_visible(slug=slug, viewer=cast(User, request.user))
    if campaign is None:
        raise Http404
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.report_create(
                campaign=campaign,
                reason=form.cleaned_data["reason"],
                text=form.cleaned_data["text"],
                reporter=cast(User, request.user),
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Terima kasih. Laporan Anda akan diperiksa moderator."))
            return redirect(campaign.get_absolute_url())
    return render(request, "moderation/report.html", {"campaign": campaign, "form": form})


def _require_moderator(request: HttpRequest) -> None:
    if not has_role(cast(User, request.user), Role.MODERATOR):
        raise PermissionDenied


@login_required
@require_GET
def queue(request: HttpRequest) -> HttpResponse:
    _require_moderator(request)
    active = Q(abuse_reports__status__in=[ReportStatus.OPEN, ReportStatus.INFO_REQUESTED])
    campaigns = (
        Campaign.objects.annotate(open_reports=Count("abuse_reports", filter=active))
        .filter(open_reports__gt=0)
        .order_by("-open_reports")
    )
    return render(request, "moderation/queue.html", {"campaigns": campaigns})


@login_required
@require_http_methods(["GET", "POST"])
def campaign_reports(request: HttpRequest, slug: str) -> HttpResponse:
    _require_moderator(request)
    campaign = get_object_or_404(Campaign, slug=slug)
    form = ActionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        actor, data = cast(User, request.user), form.cleaned_data
        try:
            if data["action"] == "suspend":
                services.campaign_suspend(campaign=campaign, actor=actor, reason=data["reason"])
            elif data["action"] == "close_refund":
                services.campaign_close_and_refund(
                    campaign=campaign, actor=actor, reason=data["reason"]
                )
            else:
                report = get_object_or_404(AbuseReport, pk=data["report"], campaign=campaign)
                services.report_resolve(
                    report=report, actor=actor, action=data["action"], reason=data["reason"]
                )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Tindakan tersimpan."))
            return redirect("moderation:campaign", slug=slug)
    return render(
        request,
        "moderation/campaign.html",
        {
            "campaign": campaign,
            "reports": campaign.abuse_reports.all(),
            "form": form,
            "audit": audit_for(target=campaign),
        },
    )
