"""Laporkan on a need or an offer (anyone, signed in or not), and a moderator's decision."""

from __future__ import annotations

from typing import cast

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from gotong.accounts.models import User
from gotong.accounts.roles import Role, has_role
from gotong.core.forms import apply_validation_error
from gotong.core.ratelimit import rate_limited
from gotong.inkind.models import AidReport, AidReportReason, Need, Offer
from gotong.inkind.reports import aid_report_create, aid_report_resolve
from gotong.inkind.selectors import need_public_get, offer_public_get


class AidReportForm(forms.Form):
    reason = forms.ChoiceField(
        label=gettext_lazy("Alasan"), choices=AidReportReason.choices, widget=forms.RadioSelect
    )
    text = forms.CharField(
        label=gettext_lazy("Penjelasan"), max_length=2000, widget=forms.Textarea(attrs={"rows": 4})
    )


class AidReportDecisionForm(forms.Form):
    close = forms.BooleanField(required=False)
    reason = forms.CharField(max_length=1000)


def _report(request: HttpRequest, *, need: Need | None, offer: Offer | None) -> HttpResponse:
    form = AidReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            aid_report_create(
                need=need,
                offer=offer,
                reason=form.cleaned_data["reason"],
                text=form.cleaned_data["text"],
                reporter=cast(User, request.user),
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Terima kasih. Moderator akan memeriksa laporan Anda."))
            if need is not None:
                return redirect("inkind:need", pk=need.pk)
            return redirect("inkind:offer", pk=cast(Offer, offer).pk)
    return render(
        request,
        "inkind/report_form.html",
        {"form": form, "subject": need or offer},
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
@rate_limited("report")
def need_report(request: HttpRequest, pk: int) -> HttpResponse:
    need = need_public_get(pk=pk)
    if need is None:
        raise Http404
    return _report(request, need=need, offer=None)


@require_http_methods(["GET", "POST"])
@rate_limited("report")
def offer_report(request: HttpRequest, pk: int) -> HttpResponse:
    offer = offer_public_get(pk=pk)
    if offer is None:
        raise Http404
    return _report(request, need=None, offer=offer)


@login_required
@require_POST
def report_decide(request: HttpRequest, pk: int) -> HttpResponse:
    actor = cast(User, request.user)
    if not has_role(actor, Role.MODERATOR):
        raise PermissionDenied
    report = get_object_or_404(AidReport, pk=pk)
    form = AidReportDecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Tuliskan alasan tindakan ini."))
        return redirect("inkind:staff-queue")
    try:
        aid_report_resolve(
            report=report,
            actor=actor,
            close=form.cleaned_data["close"],
            reason=form.cleaned_data["reason"],
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Keputusan dicatat."))
    return redirect("inkind:staff-queue")
