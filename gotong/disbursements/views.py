from __future__ import annotations

from typing import cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from gotong.accounts.models import User
from gotong.accounts.roles import Role, has_role
from gotong.audit.selectors import audit_for
from gotong.campaigns.models import Campaign, Category
from gotong.core.forms import apply_validation_error
from gotong.disbursements import services, thumbnails
from gotong.disbursements.forms import DecisionForm, DisbursementRequestForm, UsageReportForm
from gotong.disbursements.models import Disbursement, DisbursementStatus
from gotong.disbursements.selectors import receipt_get_public
from gotong.verification.selectors import verification_status


@login_required
@require_http_methods(["GET", "POST"])
def campaign_disbursements(request: HttpRequest, slug: str) -> HttpResponse:
    """The campaigner's page: request a disbursement, see earlier ones."""
    campaign = get_object_or_404(Campaign, slug=slug, owner=request.user)
    form = DisbursementRequestForm(request.POST or None)
    if campaign.category != Category.MEDIS:
        del form.fields["is_hospital"]  # the hospital exception is for medis campaigns only
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.disbursement_request(
                campaign=campaign,
                actor=cast(User, request.user),
                amount=data["amount"],
                bank=services.BankAccount(
                    bank_code=data["bank_code"],
                    account_number=data["account_number"],
                    account_holder=data["account_holder"],
                    is_hospital=data.get("is_hospital", False),
                ),
                purpose=data["purpose"],
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Pengajuan pencairan terkirim ke tim keuangan."))
            return redirect("disbursements:campaign", slug=slug)
    return render(
        request,
        "disbursements/campaign.html",
        {
            "campaign": campaign,
            "form": form,
            "disbursements": campaign.disbursements.select_related("usage_report"),
            # Said first, not after the whole form: who is not verified yet needs to be.
            "verification": verification_status(user=cast(User, request.user)),
        },
    )


def _require_finance(request: HttpRequest) -> None:
    if not has_role(request.user, Role.FINANCE):
        raise PermissionDenied


@login_required
@require_GET
def finance_queue(request: HttpRequest) -> HttpResponse:
    _require_finance(request)
    pending = (
        Disbursement.objects.filter(
            status__in=[DisbursementStatus.REQUESTED, DisbursementStatus.APPROVED]
        )
        .select_related("campaign", "requested_by")
        .order_by("created_at")
    )
    return render(request, "disbursements/queue.html", {"disbursements": pending})


@login_required
@require_http_methods(["GET", "POST"])
def finance_detail(request: HttpRequest, pk: int) -> HttpResponse:
    _require_finance(request)
    disbursement = get_object_or_404(Disbursement.objects.select_related("campaign"), pk=pk)
    form = DecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data, actor = form.cleaned_data, cast(User, request.user)
        try:
            if data["decision"] == "approve":
                services.disbursement_approve(
                    disbursement=disbursement, actor=actor, reason=data["reason"]
                )
            elif data["decision"] == "reject":
                services.disbursement_reject(
                    disbursement=disbursement, actor=actor, reason=data["reason"]
                )
            else:
                services.disbursement_mark_paid(
                    disbursement=disbursement,
                    actor=actor,
                    transfer_reference=data["transfer_reference"],
                )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Keputusan tersimpan."))
            return redirect("disbursements:finance-queue")
    return render(
        request,
        "disbursements/detail.html",
        {"d": disbursement, "form": form, "audit": audit_for(target=disbursement)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def usage_report(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The campaigner publishes the report of use of one paid disbursement."""
    disbursement = get_object_or_404(
        Disbursement.objects.select_related("campaign"),
        pk=pk,
        campaign__slug=slug,
        campaign__owner=request.user,
    )
    form = UsageReportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.usage_report_publish(
                disbursement=disbursement,
                actor=cast(User, request.user),
                text=form.cleaned_data["text"],
                receipts=form.cleaned_data["receipts"],
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Laporan terbit di buku besar publik."))
            return redirect("ledger:campaign", slug=slug)
    return render(request, "disbursements/report.html", {"d": disbursement, "form": form})


@require_GET
def receipt_thumbnail(request: HttpRequest, slug: str, pk: int) -> FileResponse:
    """A photo receipt of a public report of use, small, for the campaign page's timeline."""
    receipt = receipt_get_public(slug=slug, pk=pk)
    if receipt is None:
        raise Http404
    name = thumbnails.receipt_thumbnail(receipt=receipt)
    response = FileResponse(default_storage.open(name, "rb"), content_type="image/jpeg")
    response["Cache-Control"] = "public, max-age=31536000, immutable"
    return response
