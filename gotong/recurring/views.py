"""Donasi rutin pages: start a plan from a campaign, the donor's plan page and annual statement
(by the signed `?kunci=` link in every email), and a period's payment link."""

from __future__ import annotations

from django.contrib import messages
from django.core import signing
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from gotong.campaigns.selectors import campaign_get_visible
from gotong.core.forms import apply_validation_error
from gotong.core.money import rupiah
from gotong.core.ratelimit import rate_limited
from gotong.notifications.tokens import receipt_key_make
from gotong.payments.gateways import gateway_choices
from gotong.payments.gateways.base import GatewayError
from gotong.receipts.documents import statement_pdf
from gotong.recurring import services
from gotong.recurring.automatic import (
    Linked,
    automatic_gateway,
    plan_link_complete,
    plan_start_automatic,
)
from gotong.recurring.forms import PlanChangeForm, PlanForm
from gotong.recurring.gateway import next_charge_day
from gotong.recurring.models import AutomaticType, Cadence, MethodKind, Plan
from gotong.recurring.selectors import periods_of, plan_get, year_gifts
from gotong.recurring.tokens import pay_token_read, plan_key_valid
from gotong.recurring.transitions import PlanEvent, PlanStatus
from gotong.referrals.attribution import referrer_for

GATEWAY_DOWN = _(
    "Pembayaran belum bisa dimulai. Coba beberapa saat lagi; donasi Anda belum ditagih."
)


@require_http_methods(["GET", "POST"])
@rate_limited("donation")
def plan_new(request: HttpRequest, slug: str) -> HttpResponse:
    campaign = campaign_get_visible(slug=slug, viewer=request.user)  # type: ignore[arg-type]
    if campaign is None or not campaign.recurring_allowed:
        raise Http404
    form = PlanForm(
        request.POST or None, methods=gateway_choices(), automatic=bool(automatic_gateway())
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        common = {
            "campaign": campaign,
            "amount": data["amount"],
            "cadence": data["cadence"],
            "day": form.day,
            "name": data["name"],
            "email": data["email"],
            "is_anonymous": data["is_anonymous"],
            "message": data["message"],
            "donor": request.user,
        }
        try:
            if form.automatic:
                started = plan_start_automatic(
                    **common, payment_type=form.automatic, phone=data["phone"]
                )
            else:
                started = services.plan_start(
                    **common,
                    method=MethodKind.REMINDER,
                    payment_method=data["payment_method"] or "",
                    referrer=referrer_for(request=request, campaign=campaign),
                )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        except GatewayError:
            messages.error(request, str(GATEWAY_DOWN))
        else:
            if started.payment_url:
                return redirect(started.payment_url)
            messages.error(request, str(GATEWAY_DOWN))
    status = 422 if request.method == "POST" else 200
    return render(
        request, "recurring/new.html", {"campaign": campaign, "form": form}, status=status
    )


def _own_plan(request: HttpRequest, plan_id: int) -> tuple[Plan, str]:
    key = request.GET.get("kunci", "")
    plan = plan_get(plan_id=plan_id)
    if plan is None or not plan_key_valid(plan_id=plan_id, key=key):
        raise Http404
    return plan, key


def _private(response: HttpResponse) -> HttpResponse:
    response["Cache-Control"] = "private, no-store"
    response["Referrer-Policy"] = "same-origin"  # its form posts back (Origin)
    return response


ACTIONS = {"pause": PlanEvent.PAUSE, "resume": PlanEvent.RESUME, "cancel": PlanEvent.CANCEL}


@require_http_methods(["GET", "POST"])
def plan_page(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan, key = _own_plan(request, plan_id)
    here = f"{reverse('recurring:plan', kwargs={'plan_id': plan.pk})}?kunci={key}"
    weekly = plan.cadence == Cadence.WEEKLY
    action = request.POST.get("action", "")
    change = PlanChangeForm(
        request.POST if action == "change" else None,
        weekly=weekly,
        initial={"amount": rupiah(plan.amount).removeprefix("Rp "), "day": plan.day},
    )
    if action == "change" and change.is_valid():
        try:
            services.plan_change(
                plan=plan, amount=change.cleaned_data["amount"], day=change.cleaned_data["day"]
            )
        except ValidationError as exc:
            apply_validation_error(change, exc)
        else:
            messages.success(request, _("Perubahan tersimpan."))
            return redirect(here)
    elif action in ACTIONS:
        decision = services.plan_donor_move(plan=plan, event=ACTIONS[action])
        if decision.allowed:
            messages.success(
                request, _("Donasi rutin Anda: %(status)s.") % {"status": _status(decision.to)}
            )
        else:
            messages.error(request, _("Langkah itu tidak bisa dilakukan sekarang."))
        return redirect(here)
    periods = [
        (period, receipt_key_make(order_id=period.donation.order_id) if period.donation else "")
        for period in periods_of(plan=plan)
    ]
    year = timezone.localdate().year
    response = render(
        request,
        "recurring/plan.html",
        {
            "plan": plan,
            "key": key,
            "here": here,
            "periods": periods,
            "change": change,
            "years": [year, year - 1],
            "next_day": (
                next_charge_day(plan) if plan.method == MethodKind.AUTOMATIC else plan.next_due
            ),
            "linked_url": (
                f"{reverse('recurring:linked', kwargs={'plan_id': plan.pk})}?kunci={key}"
                if plan.method == MethodKind.AUTOMATIC
                else ""
            ),
        },
        status=422 if action == "change" else 200,
    )
    return _private(response)


LINKED_MESSAGES = {
    Linked.ACTIVE: (messages.SUCCESS, _("GoPay terhubung. Donasi rutin Anda sudah berjalan.")),
    Linked.WAITING: (messages.INFO, _("GoPay belum disetujui. Setujui di aplikasi Gojek Anda.")),
    Linked.DECLINED: (
        messages.ERROR,
        _("GoPay tidak terhubung, jadi donasi rutin ini dibatalkan. Tidak ada yang ditagih."),
    ),
    Linked.STOPPED: (messages.INFO, _("Donasi rutin ini sudah berhenti.")),
}
CARD_MESSAGES = {
    Linked.ACTIVE: (messages.SUCCESS, _("Kartu tersimpan. Donasi rutin Anda sudah berjalan.")),
    Linked.WAITING: (messages.INFO, _("Pembayaran pertama dengan kartu belum selesai.")),
}


@require_GET
def plan_linked(request: HttpRequest, plan_id: int) -> HttpResponse:
    """Where GoPay sends the donor back: the subscription starts once the link is approved."""
    plan, key = _own_plan(request, plan_id)
    try:
        linked = plan_link_complete(plan_id=plan.pk)
    except GatewayError:
        messages.error(request, str(GATEWAY_DOWN))
    else:
        card = CARD_MESSAGES if plan.payment_type == AutomaticType.CARD else {}
        level, text = card.get(linked) or LINKED_MESSAGES[linked]
        messages.add_message(request, level, str(text))
    return _private(
        redirect(f"{reverse('recurring:plan', kwargs={'plan_id': plan.pk})}?kunci={key}")
    )


def _status(status: str) -> str:
    return str(PlanStatus(status).label)


@require_GET
def plan_statement(request: HttpRequest, plan_id: int, year: int) -> HttpResponse:
    plan, _key = _own_plan(request, plan_id)
    pdf = statement_pdf(
        donor_name=plan.name, year=year, gifts=list(year_gifts(email=plan.email, year=year))
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="donasi-rutin-{year}.pdf"'
    return _private(response)


@require_http_methods(["GET", "POST"])
@rate_limited("donation")
def period_pay_page(request: HttpRequest, token: str) -> HttpResponse:
    """GET shows the period and one button (mail scanners open links; only a tap pays)."""
    try:
        plan_id, start = pay_token_read(token)
    except signing.BadSignature:
        raise Http404 from None
    plan = plan_get(plan_id=plan_id)
    period = plan.periods.filter(start=start).first() if plan else None
    if plan is None or period is None:
        raise Http404
    refused = ""
    if request.method == "POST":
        try:
            paid = services.period_pay(
                period_id=period.pk, referrer=referrer_for(request=request, campaign=plan.campaign)
            )
        except (GatewayError, ValidationError):
            refused = str(GATEWAY_DOWN)
        else:
            if paid.payment_url:
                return redirect(paid.payment_url)
            refused = paid.refused
        period.refresh_from_db()
    response = render(
        request,
        "recurring/pay.html",
        {"plan": plan, "period": period, "refused": refused},
        status=409 if refused else 200,
    )
    return _private(response)
