"""The account area's API tokens page: make a token (its secret shown once), list, revoke."""

from __future__ import annotations

from typing import cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from gotong.accounts.forms import ApiTokenForm
from gotong.accounts.models import User
from gotong.accounts.selectors import api_tokens_of
from gotong.api.tokens import api_token_create, api_token_revoke
from gotong.core.forms import apply_validation_error


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def tokens(request: HttpRequest) -> HttpResponse:
    user = cast(User, request.user)
    form = ApiTokenForm(request.POST or None)
    secret = ""
    if request.method == "POST" and form.is_valid():
        try:
            _token, secret = api_token_create(
                user=user, name=form.cleaned_data["name"], scope=form.cleaned_data["scope"]
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            form = ApiTokenForm()
    return render(
        request,
        "account/api_tokens.html",
        {"form": form, "secret": secret, "tokens": api_tokens_of(user=user)},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    user = cast(User, request.user)
    token = api_tokens_of(user=user).filter(pk=pk).first()
    if token is None:
        raise Http404
    api_token_revoke(token=token, actor=user)
    messages.success(request, _("Token “%(name)s” dicabut.") % {"name": token.name})
    return redirect("accounts:tokens")
