""" "Info terkait" on a campaign or a need: its owner links a post by number or address, or
unlinks one. The forms sit on the campaign and need pages; these views answer them and send
the person back there with a message."""

from __future__ import annotations

from typing import cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gotong.accounts.models import User
from gotong.campaigns.models import Campaign
from gotong.campaigns.selectors import campaigns_owned
from gotong.info import links
from gotong.info.forms import InfoLinkForm
from gotong.info.selectors import info_link_owned
from gotong.inkind.selectors import needs_of

ANCHOR = "#info-terkait"


def _add(
    request: HttpRequest,
    back: str,
    *,
    campaign: Campaign | None = None,
    need: links.PostedNeed | None = None,
) -> HttpResponse:
    form = InfoLinkForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Tulis nomor info atau tautannya."))
        return redirect(back + ANCHOR)
    try:
        links.info_link_add(
            actor=cast(User, request.user),
            reference=form.cleaned_data["reference"],
            campaign=campaign,
            need=need,
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Info terkait ditautkan."))
    return redirect(back + ANCHOR)


@login_required
@require_POST
def campaign_link(request: HttpRequest, slug: str) -> HttpResponse:
    campaign = campaigns_owned(owner=cast(User, request.user)).filter(slug=slug).first()
    if campaign is None:
        raise Http404
    return _add(request, reverse("campaigns:detail", args=[campaign.slug]), campaign=campaign)


@login_required
@require_POST
def need_link(request: HttpRequest, pk: int) -> HttpResponse:
    need = needs_of(poster=request.user).filter(pk=pk).first()
    if need is None:
        raise Http404
    return _add(request, reverse("inkind:need", args=[need.pk]), need=need)


@login_required
@require_POST
def link_remove(request: HttpRequest, pk: int) -> HttpResponse:
    user = cast(User, request.user)
    link = info_link_owned(pk=pk, owner=user)
    if link is None:
        raise Http404
    links.info_link_remove(actor=user, link=link)
    messages.success(request, _("Tautan info dilepas."))
    if link.campaign is not None:
        return redirect(reverse("campaigns:detail", args=[link.campaign.slug]) + ANCHOR)
    return redirect(reverse("inkind:need", args=[link.need_id]) + ANCHOR)
