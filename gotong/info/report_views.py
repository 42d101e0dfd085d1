"""Laporkan on a post (anyone signed in), and a verifikator's decision on a report from the
queue at /staf/info/."""

from __future__ import annotations

from typing import cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from gotong.accounts.models import User
from gotong.accounts.roles import Role, has_role
from gotong.core.forms import apply_validation_error
from gotong.core.ratelimit import rate_limited
from gotong.info.forms import InfoReportDecisionForm, InfoReportForm
from gotong.info.reports import info_report_act, info_report_create, info_report_dismiss
from gotong.info.selectors import info_get, info_report_get


@login_required
@require_http_methods(["GET", "POST"])
@rate_limited("report")
def info_report(request: HttpRequest, pk: int) -> HttpResponse:
    post = info_get(pk=pk)
    if post is None:
        raise Http404
    form = InfoReportForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        try:
            info_report_create(
                post=post,
                reporter=cast(User, request.user),
                reason=form.cleaned_data["reason"],
                text=form.cleaned_data["text"],
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Terima kasih. Verifikator akan memeriksa laporan Anda."))
            return redirect("info:detail", pk=post.pk)
    return render(
        request,
        "info/report_form.html",
        {"form": form, "post": post},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def info_report_decide(request: HttpRequest, pk: int) -> HttpResponse:
    actor = cast(User, request.user)
    if not has_role(actor, Role.VERIFIER):
        raise PermissionDenied
    report = info_report_get(pk=pk)
    if report is None:
        raise Http404
    form = InfoReportDecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Pilih tindakan untuk laporan ini."))
        return redirect("info:queue")
    data = form.cleaned_data
    try:
        if data["decision"] == "dismiss":
            info_report_dismiss(report=report, actor=actor, reason=data["reason"])
        else:
            info_report_act(
                report=report, actor=actor, note=data["note"], evidence=data["evidence"]
            )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Keputusan dicatat."))
    return redirect("info:queue")
