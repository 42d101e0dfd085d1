from __future__ import annotations

from django import forms
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from gotong.info.diffs import revision_diffs
from gotong.info.kinds import InfoKind
from gotong.info.selectors import info_get, info_public
from gotong.regions.models import Region


class InfoFilterForm(forms.Form):
    region = forms.CharField(required=False, max_length=13)
    kind = forms.ChoiceField(
        required=False, choices=[("", _("Semua jenis")), *InfoKind.choices], label=_("Jenis")
    )


def info_list(request: HttpRequest) -> HttpResponse:
    form = InfoFilterForm(request.GET or None)
    region = kind = None
    if form.is_valid():
        code = form.cleaned_data["region"].strip()
        region = Region.objects.filter(code=code).first() if code else None
        kind = form.cleaned_data["kind"] or None
    posts = info_public(region=region.code if region else None, kind=kind)
    page = Paginator(posts, 20).get_page(request.GET.get("halaman"))
    context = {"form": form, "region": region, "page": page, "posts": page.object_list}
    return render(request, "info/list.html", context)


def info_detail(request: HttpRequest, pk: int) -> HttpResponse:
    post = info_get(pk=pk)
    if post is None:
        raise Http404
    return render(
        request,
        "info/detail.html",
        {
            "post": post,
            "history": list(post.history.all()),
            "diffs": revision_diffs(list(post.revisions.all())),
        },
    )
