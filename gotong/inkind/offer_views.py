"""Offers: the list by region, posting one, one offer with the needs it could meet; and the
poster of a need asking an offer for a quantity (the offer's owner accepts)."""

from __future__ import annotations

from typing import cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from gotong.accounts.models import User
from gotong.core.forms import apply_validation_error
from gotong.inkind.forms import AskOfferForm, NeedFilterForm, OfferForm
from gotong.inkind.offers import offer_create
from gotong.inkind.pledges import pledge_create
from gotong.inkind.selectors import (
    need_visible_get,
    needs_suggested,
    offer_public_get,
    offers_public,
)


def offer_list(request: HttpRequest) -> HttpResponse:
    form = NeedFilterForm(request.GET or None)
    region, item = form.filters()
    listed = offers_public(region=region.code if region else None, item=item)
    page = Paginator(listed, 20).get_page(request.GET.get("halaman"))
    context = {"form": form, "region": region, "page": page, "offers": page.object_list}
    return render(request, "inkind/offer_list.html", context)


def offer_detail(request: HttpRequest, pk: int) -> HttpResponse:
    offer = offer_public_get(pk=pk)
    if offer is None:
        raise Http404
    return render(
        request,
        "inkind/offer_detail.html",
        {"offer": offer, "needs": needs_suggested(offer=offer)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def offer_new(request: HttpRequest) -> HttpResponse:
    form = OfferForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            offer = offer_create(
                owner=cast(User, request.user),
                title=data["title"],
                description=data["description"],
                region_codes=[data["region"].code],
                lines=form.lines(),
                contact_whatsapp=data["contact_whatsapp"],
                available_until=data["available_until"],
                standing=data["standing"],
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Terima kasih! Tawaran Anda sudah terbuka."))
            return redirect("inkind:offer", pk=offer.pk)
    return render(
        request, "inkind/offer_form.html", {"form": form}, status=400 if form.errors else 200
    )


@login_required
@require_POST
def need_ask_offer(request: HttpRequest, pk: int) -> HttpResponse:
    """The poster asks one of the suggested offers for a quantity of a line of their need."""
    poster = cast(User, request.user)
    need = need_visible_get(pk=pk, viewer=poster)
    if need is None or need.poster_id != poster.pk:
        raise Http404
    form = AskOfferForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Isi jumlah dan tanggal dengan benar."))
        return redirect("inkind:need", pk=pk)
    offer = offer_public_get(pk=form.cleaned_data["offer"])
    line = next((ln for ln in need.lines.all() if ln.pk == form.cleaned_data["line"]), None)
    if offer is None or line is None:
        raise Http404
    try:
        pledge = pledge_create(
            actor=poster,
            line=line,
            quantity=form.cleaned_data["quantity"],
            deliver_by=form.cleaned_data["deliver_by"],
            offer=offer,
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("inkind:need", pk=pk)
    messages.success(request, _("Permintaan terkirim. Pemberi tawaran akan menjawabnya."))
    return redirect("inkind:pledge-detail", pk=pledge.pk)
