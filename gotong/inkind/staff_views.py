"""The moderators' pages for in-kind aid: needs waiting for review (approve, send back,
merge a duplicate) and disputed pledges (decide)."""

from __future__ import annotations

from typing import cast

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from gotong.accounts.models import User
from gotong.accounts.roles import Role, has_role
from gotong.audit.selectors import audit_for
from gotong.core.forms import apply_validation_error
from gotong.inkind import needs as need_services
from gotong.inkind import pledges as pledge_services
from gotong.inkind.models import Need, Pledge
from gotong.inkind.selectors import aid_reports_open, needs_in_review, pledges_disputed


class NeedReviewForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[
            ("approve", gettext_lazy("Setujui dan buka")),
            ("reject", gettext_lazy("Kembalikan ke pengaju")),
            ("merge", gettext_lazy("Gabung dengan kebutuhan yang sama")),
        ],
        widget=forms.RadioSelect,
        label=gettext_lazy("Keputusan"),
    )
    reason = forms.CharField(
        label=gettext_lazy("Alasan (wajib bila dikembalikan)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class DisputeForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[
            ("delivered", gettext_lazy("Sudah diterima: dihitung")),
            ("cancelled", gettext_lazy("Dibatalkan: jumlahnya dibuka lagi")),
        ],
        widget=forms.RadioSelect,
        label=gettext_lazy("Keputusan"),
    )
    reason = forms.CharField(
        label=gettext_lazy("Dasar keputusan"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


def _moderator(request: HttpRequest) -> User:
    user = cast(User, request.user)
    if not has_role(user, Role.MODERATOR):
        raise PermissionDenied
    return user


@login_required
def queue(request: HttpRequest) -> HttpResponse:
    _moderator(request)
    return render(
        request,
        "inkind/staff_queue.html",
        {"needs": needs_in_review(), "disputes": pledges_disputed(), "reports": aid_reports_open()},
    )


@login_required
@require_http_methods(["GET", "POST"])
def need_review(request: HttpRequest, pk: int) -> HttpResponse:
    actor = _moderator(request)
    need = get_object_or_404(Need.objects.select_related("region", "possible_duplicate_of"), pk=pk)
    form = NeedReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        decision, reason = form.cleaned_data["decision"], form.cleaned_data["reason"]
        try:
            if decision == "approve":
                moved = need_services.need_approve(need=need, actor=actor, reason=reason)
            elif decision == "reject":
                moved = need_services.need_reject(need=need, actor=actor, reason=reason)
            elif need.possible_duplicate_of is None:
                raise ValidationError(_("Kebutuhan ini tidak ditandai sebagai duplikat."))
            else:
                moved = need_services.need_merge(
                    need=need, into=need.possible_duplicate_of, actor=actor, reason=reason
                )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            if moved.applied:
                messages.success(request, _("Keputusan dicatat."))
                return redirect("inkind:staff-queue")
            form.add_error(None, _("Kebutuhan ini sudah tidak menunggu tinjauan."))
    return render(
        request,
        "inkind/staff_need.html",
        {"need": need, "form": form, "audit": audit_for(target=need)},
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def dispute_decide(request: HttpRequest, pk: int) -> HttpResponse:
    actor = _moderator(request)
    pledge = get_object_or_404(Pledge.objects.select_related("line__need__region", "helper"), pk=pk)
    form = DisputeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            moved = pledge_services.pledge_resolve(
                pledge=pledge,
                actor=actor,
                delivered=form.cleaned_data["decision"] == "delivered",
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            if moved.applied:
                messages.success(request, _("Keputusan dicatat."))
                return redirect("inkind:staff-queue")
            form.add_error(None, _("Janji ini sudah tidak dipersoalkan."))
    return render(
        request,
        "inkind/staff_dispute.html",
        {"pledge": pledge, "form": form, "events": pledge.events.order_by("id")},
        status=400 if form.errors else 200,
    )
