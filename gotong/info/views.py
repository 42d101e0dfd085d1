from __future__ import annotations

from typing import Any, cast

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Page, Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from gotong.accounts.models import User
from gotong.accounts.roles import Role, has_role
from gotong.core.forms import apply_validation_error
from gotong.info import services, votes
from gotong.info.diffs import revision_diffs
from gotong.info.emails import renew_token_check
from gotong.info.forms import InfoEditForm, InfoForm, VerdictForm, VoteForm
from gotong.info.kinds import InfoKind
from gotong.info.models import InfoPost
from gotong.info.reminders import reminder_note
from gotong.info.selectors import (
    InfoSearchResults,
    info_get,
    info_public,
    info_reports_open,
    info_search,
    info_votes_shown,
    info_waiting,
)
from gotong.info.transitions import LIVE, InfoStatus
from gotong.regions.models import Region
from gotong.search.text import MAX_QUERY_LENGTH

PAGE_SIZE = 20


class InfoFilterForm(forms.Form):
    q = forms.CharField(
        required=False,
        max_length=MAX_QUERY_LENGTH,
        label=gettext_lazy("Kata pencarian"),
        error_messages={
            "max_length": gettext_lazy(
                "Kata pencarian terlalu panjang: paling banyak %(limit_value)d karakter."
            ),
            "null_characters_not_allowed": gettext_lazy(
                "Kata pencarian berisi karakter yang tidak sah."
            ),
        },
    )
    region = forms.CharField(required=False, max_length=13)
    kind = forms.ChoiceField(
        required=False,
        choices=[("", gettext_lazy("Semua jenis")), *InfoKind.choices],
        label=gettext_lazy("Jenis"),
    )


def _page_number(raw: str | None) -> int:
    try:
        return max(1, min(int(raw or 1), 10_000))
    except ValueError:
        return 1


def _searched(
    request: HttpRequest, *, q: str, region: str | None, kind: str | None
) -> tuple[Page[Any], list[InfoPost]]:
    number = _page_number(request.GET.get("halaman"))

    def search(n: int) -> InfoSearchResults:
        return info_search(
            q=q, region=region, kind=kind, limit=PAGE_SIZE, offset=(n - 1) * PAGE_SIZE
        )

    found = search(number)
    # Page numbers (and a number past the last page) from the total, as for /cari/.
    page = Paginator(range(found.total), PAGE_SIZE).get_page(number)
    if page.number != number:
        found = search(page.number)
    return page, list(found.posts)


def info_list(request: HttpRequest) -> HttpResponse:
    """Listed posts, newest checked first, or with `q` the best matches (gotong/search); of a
    region and a kind if given."""
    form = InfoFilterForm(request.GET or None)
    region = kind = None
    q = ""
    if form.is_valid():
        code = form.cleaned_data["region"].strip()
        region = Region.objects.filter(code=code).first() if code else None
        kind = form.cleaned_data["kind"] or None
        q = form.cleaned_data["q"].strip()
    code = region.code if region else None
    page: Page[Any]
    if q:
        page, posts = _searched(request, q=q, region=code, kind=kind)
    else:
        page = Paginator(info_public(region=code, kind=kind), PAGE_SIZE).get_page(
            request.GET.get("halaman")
        )
        posts = list(page.object_list)
    context = {"form": form, "region": region, "q": q, "page": page, "posts": posts}
    return render(request, "info/list.html", context)


def _kecamatan_choices(post: InfoPost) -> list[tuple[str, str]]:
    """The kecamatan of the post's kabupaten/kota: where most who vote on it live."""
    regency = post.region.code[:5]
    return [
        (region.code, region.name)
        for region in Region.objects.filter(code__startswith=f"{regency}.", level=3).order_by(
            "name"
        )
    ]


def info_detail(request: HttpRequest, pk: int, **forms_: forms.Form) -> HttpResponse:
    post = info_get(pk=pk)
    if post is None:
        raise Http404
    user = request.user
    signed_in = user.is_authenticated
    is_author = signed_in and user.pk == post.author_id
    kecamatan = _kecamatan_choices(post)
    return render(
        request,
        "info/detail.html",
        {
            "post": post,
            "history": list(post.history.all()),
            "diffs": revision_diffs(list(post.revisions.all())),
            "is_author": is_author,
            "reminder": reminder_note(post) if is_author else None,
            "can_vote": signed_in and not is_author and post.status in LIVE,
            "can_judge": has_role(cast(User, user), Role.VERIFIER) and not is_author,
            "votes": info_votes_shown(post=post, kecamatan_names=dict(kecamatan)),
            "vote_form": forms_.get("vote_form") or VoteForm(kecamatan_choices=kecamatan),
            "verdict_form": forms_.get("verdict_form") or VerdictForm(),
        },
        status=400 if forms_ else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def info_new(request: HttpRequest) -> HttpResponse:
    form = InfoForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            post = services.info_post_create(
                author=cast(User, request.user),
                kind=data["kind"],
                region_code=data["region"].code,
                title=data["title"],
                what=data["what"],
                when_text=data["when_text"],
                where_text=data["where_text"],
                is_institution=data["is_institution"],
                institution_contact=data["institution_contact"],
                sources=[form.source()],
                valid_until=data["valid_until"],
                claim=form.claim_or_none(),
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(
                request, _("Terima kasih! Info Anda terbit sebagai belum diverifikasi.")
            )
            return redirect("info:detail", pk=post.pk)
    return render(request, "info/form.html", {"form": form}, status=400 if form.errors else 200)


@login_required
@require_POST
def info_vote(request: HttpRequest, pk: int) -> HttpResponse:
    post = info_get(pk=pk)
    if post is None:
        raise Http404
    form = VoteForm(request.POST, request.FILES, kecamatan_choices=_kecamatan_choices(post))
    if form.is_valid():
        try:
            votes.info_vote(
                post=post,
                voter=cast(User, request.user),
                still_true=form.cleaned_data["still_true"],
                group_kind=form.cleaned_data["group_kind"],
                group_key=form.group_key(),
                evidence_url=form.cleaned_data["evidence_url"],
                evidence_photo=form.cleaned_data["evidence_photo"],
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Terima kasih, tanggapan Anda tercatat."))
            return redirect("info:detail", pk=pk)
    return info_detail(request, pk, vote_form=form)


@login_required
@require_POST
def info_verdict(request: HttpRequest, pk: int) -> HttpResponse:
    if not has_role(cast(User, request.user), Role.VERIFIER):
        raise PermissionDenied
    post = info_get(pk=pk)
    if post is None:
        raise Http404
    form = VerdictForm(request.POST)
    if form.is_valid():
        judge = (
            services.info_verify
            if form.cleaned_data["verdict"] == "verify"
            else services.info_mark_false
        )
        try:
            moved = judge(
                post=post,
                actor=cast(User, request.user),
                note=form.cleaned_data["note"],
                evidence=form.cleaned_data["evidence"],
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            if moved.applied:
                messages.success(request, _("Keputusan dicatat di riwayat."))
                return redirect("info:detail", pk=pk)
            form.add_error(None, _("Keputusan itu tidak bisa diberikan pada status ini."))
    return info_detail(request, pk, verdict_form=form)


@login_required
@require_POST
def info_renew(request: HttpRequest, pk: int) -> HttpResponse:
    post = info_get(pk=pk)
    if post is None:
        raise Http404
    services.info_renew(post=post, actor=cast(User, request.user))
    messages.success(request, _("Terima kasih, info ini diperiksa kembali hari ini."))
    return redirect("info:detail", pk=pk)


def _private(response: HttpResponse) -> HttpResponse:
    # The token acts for the author: keep it out of other sites' Referer headers and out of
    # search engines. `same-origin`, not `no-referrer`: with no-referrer Chromium posts the
    # page's form with `Origin: null`, which Django's CSRF check refuses.
    response["Referrer-Policy"] = "same-origin"
    response["X-Robots-Tag"] = "noindex"
    return response


def _link_problem(post: InfoPost, token: str) -> str:
    """Why this link cannot renew this post, or "" when it can."""
    try:
        renew_token_check(post, token)
    except signing.SignatureExpired:
        return _(
            "Tautan ini sudah kedaluwarsa. Masuk ke Gotong dan buka info Anda untuk "
            "menyatakannya masih berlaku."
        )
    except signing.BadSignature:
        return _(
            "Tautan ini tidak sah atau terpotong. Salin tautan lengkap dari email Anda, atau "
            "masuk ke Gotong dan buka info Anda."
        )
    return ""


@never_cache
@require_http_methods(["GET", "POST"])
def info_renew_link(request: HttpRequest, pk: int, token: str) -> HttpResponse:
    """The one-click link of the author's freshness email, no sign-in needed: the signed token
    names the post and its author. GET only asks (mail scanners fetch links); the button
    POSTs (CSRF-protected) and renews the post as its author. A bad link changes nothing."""
    post = info_get(pk=pk)
    if post is None:
        raise Http404
    problem = _link_problem(post, token)
    if problem:
        return _private(
            render(request, "info/renew_link_invalid.html", {"message": problem}, status=400)
        )
    outcome, status = "", 200
    if request.method == "POST":
        moved = services.info_renew(post=post, actor=post.author)
        outcome = "checked" if moved is None else "review" if moved.applied else "refused"
        status = 400 if outcome == "refused" else 200
        post.refresh_from_db()
    context = {"post": post, "outcome": outcome, "is_false": post.status == InfoStatus.FALSE}
    return _private(render(request, "info/renew_link.html", context, status=status))


@login_required
@require_http_methods(["GET", "POST"])
def info_edit(request: HttpRequest, pk: int) -> HttpResponse:
    post = info_get(pk=pk)
    if post is None or post.author_id != request.user.pk:
        raise Http404
    initial = {name: getattr(post, name) for name in InfoEditForm.base_fields}
    with_claim = post.kind == InfoKind.HOAX
    form = InfoEditForm(request.POST or None, initial=initial, with_claim=with_claim)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.info_post_edit(
                post=post,
                actor=cast(User, request.user),
                title=data["title"],
                what=data["what"],
                when_text=data["when_text"],
                where_text=data["where_text"],
                institution_contact=data["institution_contact"],
                claim=form.claim() if with_claim else None,
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Perubahan tersimpan sebagai versi baru."))
            return redirect("info:detail", pk=pk)
    return render(
        request, "info/edit.html", {"form": form, "post": post}, status=400 if form.errors else 200
    )


@login_required
def verifier_queue(request: HttpRequest) -> HttpResponse:
    """/staf/info/: what waits for a verifikator: reports, then posts, disputed first."""
    if not has_role(cast(User, request.user), Role.VERIFIER):
        raise PermissionDenied
    return render(
        request, "info/queue.html", {"posts": info_waiting(), "reports": info_reports_open()}
    )
