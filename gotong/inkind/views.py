from __future__ import annotations

from typing import cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from gotong.accounts.models import User
from gotong.core.forms import apply_validation_error
from gotong.core.ratelimit import rate_limited
from gotong.info.selectors import info_links_of
from gotong.inkind import needs
from gotong.inkind.forms import NeedFilterForm, NeedForm, PledgeForm
from gotong.inkind.models import Need
from gotong.inkind.pledges import pledge_create
from gotong.inkind.selectors import (
    need_history,
    need_public_get,
    need_visible_get,
    needs_of,
    needs_public,
    offers_suggested,
    pledges_of,
    pledges_of_need,
)
from gotong.inkind.share import need_whatsapp_url
from gotong.inkind.transitions import NeedStatus


def need_list(request: HttpRequest) -> HttpResponse:
    form = NeedFilterForm(request.GET or None)
    region, item = form.filters()
    listed = needs_public(region=region.code if region else None, item=item)
    page = Paginator(listed, 20).get_page(request.GET.get("halaman"))
    context = {"form": form, "region": region, "page": page, "needs": page.object_list}
    return render(request, "inkind/need_list.html", context)


def need_detail(request: HttpRequest, pk: int) -> HttpResponse:
    need = need_visible_get(pk=pk, viewer=request.user)
    if need is None:
        raise Http404
    return _detail(request, need, PledgeForm())


def _detail(request: HttpRequest, need: Need, form: PledgeForm, status: int = 200) -> HttpResponse:
    is_poster = request.user.is_authenticated and request.user.pk == need.poster_id
    return render(
        request,
        "inkind/need_detail.html",
        {
            "need": need,
            "lines": list(need.lines.all()),
            "form": form,
            "whatsapp_share": need_whatsapp_url(need),
            "is_poster": is_poster,
            "pledges": pledges_of_need(need=need) if is_poster else None,
            "offers": offers_suggested(need=need) if need.status == NeedStatus.OPEN else [],
            "history": need_history(need=need),
            "can_pledge": need.status == NeedStatus.OPEN and not is_poster,
            "info_links": info_links_of(need_id=need.pk),
            "link_action": reverse("info:link-need", args=[need.pk]) if is_poster else "",
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def need_new(request: HttpRequest) -> HttpResponse:
    """Post a need and send it out (to review for a first need) in one go."""
    poster = cast(User, request.user)
    form = NeedForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            need = needs.need_create(
                poster=poster,
                region_code=data["region"].code,
                place_detail=data["place_detail"],
                contact_whatsapp=data["contact_whatsapp"],
                title=data["title"],
                story=data["story"],
                people_served=data["people_served"],
                needed_by=data["needed_by"],
                urgency=data["urgency"],
                lines=form.lines(),
                photo=data["photo"],
            )
        except ValidationError as exc:
            if hasattr(exc, "error_dict") and "region" in exc.error_dict:
                exc.error_dict["desa"] = exc.error_dict.pop("region")
            apply_validation_error(form, exc)
        else:
            return need_submit(request, need.pk)
    return render(
        request, "inkind/need_form.html", {"form": form}, status=400 if form.errors else 200
    )


@login_required
@require_POST
def need_submit(request: HttpRequest, pk: int) -> HttpResponse:
    need = need_visible_get(pk=pk, viewer=request.user)
    if need is None:
        raise Http404
    moved = needs.need_submit(need=need, actor=cast(User, request.user))
    if moved.status == NeedStatus.OPEN:
        messages.success(request, _("Kebutuhan Anda sudah terbuka untuk dibantu."))
    elif moved.applied:
        messages.success(
            request, _("Terima kasih! Moderator akan memeriksa kebutuhan Anda sebelum terbuka.")
        )
    return redirect("inkind:need", pk=pk)


@login_required
def mine(request: HttpRequest) -> HttpResponse:
    user = cast(User, request.user)
    return render(
        request,
        "inkind/mine.html",
        {"needs": needs_of(poster=user), "pledges": pledges_of(helper=user)},
    )


@login_required
@require_POST
@rate_limited("pledge")
def need_pledge(request: HttpRequest, pk: int) -> HttpResponse:
    need = need_public_get(pk=pk)
    if need is None:
        raise Http404
    form = PledgeForm(request.POST)
    line = None
    if form.is_valid():
        line = next((ln for ln in need.lines.all() if ln.pk == form.cleaned_data["line"]), None)
        if line is None:
            form.add_error(None, _("Pilih salah satu barang dari kebutuhan ini."))
    if form.is_valid() and line is not None:
        try:
            pledge_create(
                actor=request.user,  # type: ignore[arg-type]
                line=line,
                quantity=form.cleaned_data["quantity"],
                deliver_by=form.cleaned_data["deliver_by"],
                whatsapp=form.cleaned_data["whatsapp"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(
                request,
                _("Terima kasih! Janji bantuan Anda menunggu persetujuan pengaju."),
            )
            return redirect("inkind:need", pk=need.pk)
    return _detail(request, need, form, status=400)
