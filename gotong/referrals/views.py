from __future__ import annotations

from typing import cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from gotong.accounts.models import User
from gotong.campaigns.selectors import campaign_get_public
from gotong.referrals import selectors
from gotong.referrals.attribution import MAX_AGE, referral_url
from gotong.referrals.services import referral_code_get_or_create
from gotong.seo.meta import share_links


@login_required
@require_http_methods(["GET", "POST"])
def referral_link(request: HttpRequest, slug: str) -> HttpResponse:
    """A signed-in person's own link to a public campaign (POST creates their code once)."""
    user = cast(User, request.user)
    campaign = campaign_get_public(slug=slug)
    if campaign is None:
        raise Http404
    if request.method == "POST":
        referral_code_get_or_create(user=user)
        messages.success(request, _("Tautan penggalangan Anda siap dibagikan."))
        return redirect("referrals:link", slug=slug)
    code = selectors.referral_code_of(user=user)
    link = referral_url(campaign=campaign, code=code) if code else None
    raised = selectors.referral_totals_for(user=user, campaign=campaign)
    share_urls = {s.key: s.url for s in share_links(campaign=campaign, url=link)} if link else {}
    return render(
        request,
        "referrals/link.html",
        {
            "campaign": campaign,
            "link": link,
            "whatsapp_url": share_urls.get("whatsapp"),
            "raised": raised[0] if raised else None,
            "days": MAX_AGE.days,
        },
    )
