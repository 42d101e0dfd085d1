from __future__ import annotations

from typing import cast

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from gotong.accounts.models import User
from gotong.campaigns.models import Campaign
from gotong.core.forms import apply_validation_error
from gotong.updates.services import update_post


class UpdateForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("Judul"), max_length=120)
    body = forms.CharField(
        label=gettext_lazy("Isi kabar (Markdown)"), widget=forms.Textarea(attrs={"rows": 8})
    )


@login_required
@require_http_methods(["GET", "POST"])
def update_create(request: HttpRequest, slug: str) -> HttpResponse:
    campaign = get_object_or_404(Campaign, slug=slug, owner=request.user)
    form = UpdateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            update_post(
                campaign=campaign,
                actor=cast(User, request.user),
                title=form.cleaned_data["title"],
                body=form.cleaned_data["body"],
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Kabar terbit dan dikirim ke donatur yang memberi email."))
            return redirect("campaigns:detail", slug=slug)
    return render(request, "updates/form.html", {"campaign": campaign, "form": form})
