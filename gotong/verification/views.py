from __future__ import annotations

from typing import cast

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from gotong.accounts.models import User
from gotong.accounts.roles import Role, has_role
from gotong.audit.selectors import audit_for
from gotong.campaigns.selectors import campaigns_owned
from gotong.core.forms import apply_validation_error
from gotong.verification.models import CampaignerVerification, VerificationStatus
from gotong.verification.services import verification_decide, verification_submit


class SubmitForm(forms.Form):
    ktp_photo = forms.FileField(label=gettext_lazy("Foto KTP"))
    selfie_photo = forms.FileField(label=gettext_lazy("Swafoto sambil memegang KTP"))
    phone = forms.CharField(label=gettext_lazy("Nomor HP"), max_length=20)


class DecideForm(forms.Form):
    decision = forms.ChoiceField(choices=[("approve", "approve"), ("reject", "reject")])
    reason = forms.CharField(
        label=gettext_lazy("Alasan"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


@login_required
@require_http_methods(["GET", "POST"])
def submit(request: HttpRequest) -> HttpResponse:
    user = cast(User, request.user)
    current = CampaignerVerification.objects.filter(user=user).first()
    form = SubmitForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            verification_submit(user=user, **form.cleaned_data)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Dokumen terkirim. Tim kami akan memeriksanya."))
            return redirect("verification:submit")
    can_submit = current is None or current.status == VerificationStatus.REJECTED
    return render(
        request,
        "verification/submit.html",
        {"current": current, "form": form, "can_submit": can_submit},
    )


def _require_moderator(request: HttpRequest) -> None:
    if not has_role(cast(User, request.user), Role.MODERATOR):
        raise PermissionDenied


@login_required
@require_GET
def queue(request: HttpRequest) -> HttpResponse:
    _require_moderator(request)
    pending = CampaignerVerification.objects.filter(status=VerificationStatus.PENDING)
    return render(request, "verification/queue.html", {"pending": pending.select_related("user")})


@login_required
@require_http_methods(["GET", "POST"])
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    _require_moderator(request)
    verification = get_object_or_404(CampaignerVerification.objects.select_related("user"), pk=pk)
    form = DecideForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            verification_decide(
                verification=verification,
                actor=cast(User, request.user),
                approve=form.cleaned_data["decision"] == "approve",
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            return redirect("verification:queue")
    return render(
        request,
        "verification/detail.html",
        {
            "v": verification,
            "form": form,
            "audit": audit_for(target=verification),
            "campaigns": campaigns_owned(owner=verification.user),
        },
    )


@login_required
@require_GET
def document(request: HttpRequest, pk: int, which: str) -> FileResponse:
    """Streams an identity document to a moderator; there is no other way to read one."""
    _require_moderator(request)
    verification = get_object_or_404(CampaignerVerification, pk=pk)
    fields = {"ktp": verification.ktp_photo, "selfie": verification.selfie_photo}
    if which not in fields:
        raise Http404
    response = FileResponse(fields[which].open("rb"), content_type="image/jpeg")
    response["Cache-Control"] = "private, no-store"
    return response
