"""The pages of one pledge, for its two people only: status, the other's WhatsApp once
matched (each view an audited reveal), and the moves each of them may make."""

from __future__ import annotations

from collections.abc import Callable
from typing import cast

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from gotong.accounts.models import User
from gotong.core.forms import apply_validation_error
from gotong.core.ratelimit import rate_limited
from gotong.inkind import pledges as services
from gotong.inkind.emails import confirm_token_valid
from gotong.inkind.models import Pledge, ProposedBy
from gotong.inkind.selectors import pledge_of_party
from gotong.inkind.transitions import MATCHED, PledgeStatus

CONFIRMABLE = (PledgeStatus.ACCEPTED, PledgeStatus.DELIVERED)


class DeliverForm(forms.Form):
    photo = forms.ImageField(label=gettext_lazy("Foto serah terima"))


class ConfirmForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Kode serah terima dari penolong"),
        max_length=12,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code"}),
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Apa masalahnya?"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


def _get(request: HttpRequest, pk: int) -> tuple[Pledge, User]:
    viewer = cast(User, request.user)
    pledge = pledge_of_party(pk=pk, viewer=viewer)
    if pledge is None:
        raise Http404
    return pledge, viewer


@login_required
def pledge_detail(request: HttpRequest, pk: int) -> HttpResponse:
    pledge, viewer = _get(request, pk)
    return _page(request, pledge, viewer)


def _page(
    request: HttpRequest, pledge: Pledge, viewer: User, status: int = 200, **forms_
) -> HttpResponse:
    need = pledge.line.need
    side = ProposedBy.HELPER if viewer.pk == pledge.helper_id else ProposedBy.RECIPIENT
    contact = services.pledge_contact_reveal(pledge=pledge, viewer=viewer)
    open_ = pledge.status in CONFIRMABLE
    context = {
        "pledge": pledge,
        "need": need,
        "side": side,
        "contact": contact,
        "can_answer": pledge.status == PledgeStatus.PROPOSED and side != pledge.proposed_by,
        "can_withdraw": pledge.status in (PledgeStatus.PROPOSED, PledgeStatus.ACCEPTED),
        "can_deliver": side == ProposedBy.HELPER and pledge.status == PledgeStatus.ACCEPTED,
        "can_confirm": side == ProposedBy.RECIPIENT and open_,
        "can_dispute": open_,
        "code": services.handover_code(pledge)
        if side == ProposedBy.HELPER and pledge.status in MATCHED and open_
        else None,
        "deliver_form": forms_.get("deliver_form") or DeliverForm(),
        "confirm_form": forms_.get("confirm_form") or ConfirmForm(),
        "dispute_form": forms_.get("dispute_form") or ReasonForm(),
    }
    return render(request, "inkind/pledge_detail.html", context, status=status)


def _act(
    request: HttpRequest, pk: int, action: Callable[[Pledge, User], services.Moved], done: str
) -> HttpResponse:
    pledge, viewer = _get(request, pk)
    moved = action(pledge, viewer)
    if moved.applied:
        messages.success(request, done)
    else:
        messages.error(request, _("Langkah itu tidak bisa dilakukan pada janji ini sekarang."))
    return redirect("inkind:pledge-detail", pk=pk)


@login_required
@require_POST
def pledge_accept(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(
        request,
        pk,
        lambda p, u: services.pledge_accept(pledge=p, actor=u),
        _("Janji diterima. Sekarang Anda bisa saling menghubungi lewat WhatsApp."),
    )


@login_required
@require_POST
def pledge_decline(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(
        request, pk, lambda p, u: services.pledge_decline(pledge=p, actor=u), _("Janji ditolak.")
    )


@login_required
@require_POST
def pledge_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(
        request,
        pk,
        lambda p, u: services.pledge_withdraw(pledge=p, actor=u),
        _("Janji dibatalkan; jumlahnya kembali terbuka."),
    )


@login_required
@require_POST
def pledge_deliver(request: HttpRequest, pk: int) -> HttpResponse:
    pledge, viewer = _get(request, pk)
    form = DeliverForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            moved = services.pledge_deliver(
                pledge=pledge, actor=viewer, photo=form.cleaned_data["photo"]
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            if moved.applied:
                messages.success(
                    request, _("Ditandai terkirim. Berikan kode serah terima kepada penerima.")
                )
                return redirect("inkind:pledge-detail", pk=pk)
            form.add_error(None, _("Janji ini tidak bisa ditandai terkirim sekarang."))
    return _page(request, pledge, viewer, status=400, deliver_form=form)


@login_required
@require_POST
@rate_limited("delivery")
def pledge_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    pledge, viewer = _get(request, pk)
    form = ConfirmForm(request.POST)
    if form.is_valid():
        try:
            moved = services.pledge_confirm(
                pledge=pledge, actor=viewer, code=form.cleaned_data["code"]
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            if moved.applied:
                messages.success(request, _("Terima kasih! Penerimaan sudah dikonfirmasi."))
                return redirect("inkind:pledge-detail", pk=pk)
            form.add_error(None, _("Janji ini tidak bisa dikonfirmasi sekarang."))
        pledge.refresh_from_db()
    return _page(request, pledge, viewer, status=400, confirm_form=form)


@login_required
@require_POST
@rate_limited("delivery")
def pledge_dispute(request: HttpRequest, pk: int) -> HttpResponse:
    pledge, viewer = _get(request, pk)
    form = ReasonForm(request.POST)
    if form.is_valid():
        moved = services.pledge_dispute(
            pledge=pledge, actor=viewer, reason=form.cleaned_data["reason"]
        )
        if moved.applied:
            messages.success(request, _("Masalah dicatat. Moderator akan memutuskannya."))
            return redirect("inkind:pledge-detail", pk=pk)
        form.add_error(None, _("Janji ini tidak bisa dipersoalkan sekarang."))
    return _page(request, pledge, viewer, status=400, dispute_form=form)


@require_http_methods(["GET", "POST"])
@rate_limited("delivery")
def pledge_confirm_link(request: HttpRequest, pk: int, token: str) -> HttpResponse:
    """The link in the recipient's email: GET shows the pledge and a button, POST confirms.
    A link the helper or anyone else opens confirms only if it is the recipient's own."""
    pledge = Pledge.objects.select_related("line__need__region", "helper").filter(pk=pk).first()
    if pledge is None or not confirm_token_valid(pledge, token):
        raise Http404
    if request.method == "POST":
        moved = services.pledge_confirm_by_link(pledge=pledge, token=token)
        if moved.applied:
            messages.success(request, _("Terima kasih! Penerimaan sudah dikonfirmasi."))
        else:
            messages.error(request, _("Janji ini tidak bisa dikonfirmasi sekarang."))
        pledge.refresh_from_db()
    return render(
        request,
        "inkind/pledge_confirm_link.html",
        {"pledge": pledge, "need": pledge.line.need, "open": pledge.status in CONFIRMABLE},
    )
