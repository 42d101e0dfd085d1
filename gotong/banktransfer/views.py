from __future__ import annotations

from typing import cast

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from gotong.accounts.models import User
from gotong.accounts.roles import Role, has_role
from gotong.banktransfer import selectors, services
from gotong.banktransfer.forms import LineDecisionForm, StatementUploadForm
from gotong.banktransfer.models import StatementLine
from gotong.banktransfer.statements import MAX_BYTES
from gotong.core.forms import apply_validation_error
from gotong.core.money import rupiah


@require_GET
def instructions(request: HttpRequest, order_id: str) -> HttpResponse:
    """Where a donor who chose bank transfer is sent: the account, the exact amount with its
    unique code, and the donation's status, which updates itself once the money is found."""
    transfer = selectors.transfer_for(order_id=order_id)
    if transfer is None:
        raise Http404
    donation = transfer.donation
    due = rupiah(transfer.amount_due)
    # The last three digits show the code only when the gift was whole thousands (Rp 50.000 +
    # 123 = Rp 50.123); Rp 12.345 + 123 = Rp 12.468 is shown whole, the code named in words.
    code_visible = (transfer.amount_due - transfer.unique_code) % 1000 == 0
    return render(
        request,
        "banktransfer/instructions.html",
        {
            "transfer": transfer,
            "donation": donation,
            "campaign": donation.campaign,
            "bank_name": settings.TRANSFER_BANK_NAME,
            "account_number": settings.TRANSFER_ACCOUNT_NUMBER,
            "account_holder": settings.TRANSFER_ACCOUNT_HOLDER,
            "due_head": due[:-3] if code_visible else due,
            "due_code": due[-3:] if code_visible else "",
        },
    )


def _require_finance(request: HttpRequest) -> None:
    if not has_role(request.user, Role.FINANCE):
        raise PermissionDenied


def _queue_page(request: HttpRequest, form: StatementUploadForm, status: int) -> HttpResponse:
    return render(
        request,
        "banktransfer/queue.html",
        {
            "form": form,
            "lines": selectors.statement_lines_waiting(),
            "imports": selectors.statement_imports_recent(),
            "open_transfers": selectors.transfers_open_count(),
            "decision_form": LineDecisionForm(),
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def statement_queue(request: HttpRequest) -> HttpResponse:
    """Finance: import a statement file; lines no transfer fits wait here for a decision."""
    _require_finance(request)
    form = StatementUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            result = services.statement_import(
                actor=cast(User, request.user),
                preset=form.layout(),
                file_name=upload.name or "mutasi.csv",
                content=upload.read(MAX_BYTES + 1),
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(
                request,
                _(
                    "%(new)d baris baru (%(known)d sudah pernah diimpor): %(matched)d donasi "
                    "tercatat, %(waiting)d menunggu keputusan."
                )
                % {
                    "new": result.new,
                    "known": result.known,
                    "matched": result.matched,
                    "waiting": result.waiting,
                },
            )
            return redirect("banktransfer:queue")
    return _queue_page(request, form, 422 if request.method == "POST" else 200)


@login_required
@require_POST
def line_decide(request: HttpRequest, pk: int) -> HttpResponse:
    _require_finance(request)
    line = get_object_or_404(StatementLine, pk=pk)
    form = LineDecisionForm(request.POST)
    if form.is_valid():
        data, actor = form.cleaned_data, cast(User, request.user)
        try:
            if data["decision"] == "assign":
                services.statement_line_assign(
                    line=line, actor=actor, order_id=data["order_id"], reason=data["reason"]
                )
            else:
                services.statement_line_dismiss(line=line, actor=actor, reason=data["reason"])
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Keputusan tersimpan."))
            return redirect("banktransfer:queue")
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, f"#{line.pk}: {error}")
    return redirect("banktransfer:queue")
