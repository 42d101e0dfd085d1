"""HTTP face of the sandbox's Subscription API (`/v1/subscriptions`), GoPay account linking
(`/v2/pay/account`, the linking page behind the activation URL) and the scripted charge
`POST subscriptions/<id>/charge`. The linking page's form is CSRF-exempt on purpose, as the
pay page's is: the unguessable token in its URL is the only capability."""

from __future__ import annotations

import uuid
from typing import Any

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from gotong.payments.sandbox import accounts, protocol, subscriptions
from gotong.payments.sandbox.auth import server_key_valid
from gotong.payments.sandbox.models import AccountStatus, SandboxPayAccount, SandboxSubscription
from gotong.payments.sandbox.recurring_validation import (
    charge_request_parse,
    pay_account_parse,
    subscription_create_parse,
    subscription_update_parse,
)
from gotong.payments.sandbox.validation import RequestInvalid, notification_urls_parse

NOTIFICATION_PATH = "/payments/midtrans/notification"


def _json(data: dict[str, Any], status: int = 200) -> JsonResponse:
    return JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})


def _invalid(exc: RequestInvalid) -> JsonResponse:
    return _json(
        {
            "status_code": "400",
            "status_message": "One or more parameters in the payload is invalid.",
            "validation_messages": exc.messages,
        },
        status=400,
    )


def _unauthorized() -> JsonResponse:
    return _json(protocol.unauthorized_status_payload(), status=401)


def _subscription(subscription_id: str) -> SandboxSubscription | None:
    try:
        return SandboxSubscription.objects.filter(
            subscription_id=uuid.UUID(subscription_id)
        ).first()
    except ValueError:
        return None


def _no_subscription() -> JsonResponse:
    return _json({"status_message": protocol.SUBSCRIPTION_NOT_FOUND}, status=404)


def _subscription_json(sub: SandboxSubscription) -> JsonResponse:
    ids = subscriptions.subscription_transaction_ids(sub=sub)
    return _json(protocol.subscription_payload(sub, transaction_ids=ids))


@csrf_exempt
@require_POST
def subscription_create(request: HttpRequest) -> JsonResponse:
    if not server_key_valid(request):
        return _unauthorized()
    try:
        fields = subscription_create_parse(request.body)
        urls = notification_urls_parse(
            override=request.headers.get("X-Override-Notification"),
            append=request.headers.get("X-Append-Notification"),
            default=f"{settings.PUBLIC_BASE_URL}{NOTIFICATION_PATH}",
        )
    except RequestInvalid as exc:
        return _invalid(exc)
    sub = subscriptions.subscription_create(fields=fields, notification_urls=urls)
    return _json(protocol.subscription_payload(sub))


@csrf_exempt
@require_http_methods(["GET", "PATCH"])
def subscription_detail(request: HttpRequest, subscription_id: str) -> JsonResponse:
    if not server_key_valid(request):
        return _unauthorized()
    sub = _subscription(subscription_id)
    if sub is None:
        return _no_subscription()
    if request.method == "GET":
        return _subscription_json(sub)
    try:
        fields = subscription_update_parse(request.body)
    except RequestInvalid as exc:
        return _invalid(exc)
    subscriptions.subscription_update(sub=sub, fields=fields)
    return _json({"status_message": protocol.SUBSCRIPTION_UPDATED})


@csrf_exempt
@require_POST
def subscription_disable(request: HttpRequest, subscription_id: str) -> JsonResponse:
    if not server_key_valid(request):
        return _unauthorized()
    sub = _subscription(subscription_id)
    if sub is None:
        return _no_subscription()
    subscriptions.subscription_disable(sub=sub)
    return _json({"status_message": protocol.SUBSCRIPTION_UPDATED})


@csrf_exempt
@require_POST
def subscription_enable(request: HttpRequest, subscription_id: str) -> JsonResponse:
    if not server_key_valid(request):
        return _unauthorized()
    sub = _subscription(subscription_id)
    if sub is None:
        return _no_subscription()
    subscriptions.subscription_enable(sub=sub)
    return _json({"status_message": protocol.SUBSCRIPTION_UPDATED})


@csrf_exempt
@require_POST
def subscription_charge(request: HttpRequest, subscription_id: str) -> JsonResponse:
    """Scripted tests: charge the subscription's current slot now, `{"result": "deny"}` to
    make it fail (then the retry schedule follows). Like the simulator, needs no key."""
    sub = _subscription(subscription_id)
    if sub is None:
        return _no_subscription()
    try:
        result = charge_request_parse(request.body)
    except RequestInvalid as exc:
        return _invalid(exc)
    try:
        txn = subscriptions.subscription_charge(sub=sub, result=result)
    except subscriptions.SubscriptionInactive as exc:
        body = protocol.error_payload([f"Subscription is {exc.sub.status}"])
        return _json(body, status=409)
    assert txn is not None  # a forced charge always makes one
    return _json(protocol.notification_payload(txn))


def _account(account_id: str) -> SandboxPayAccount | None:
    try:
        return SandboxPayAccount.objects.filter(account_id=uuid.UUID(account_id)).first()
    except ValueError:
        return None


def _no_account() -> JsonResponse:
    return _json({"status_code": "404", "status_message": protocol.ACCOUNT_NOT_FOUND}, 404)


@csrf_exempt
@require_POST
def pay_account_create(request: HttpRequest) -> JsonResponse:
    if not server_key_valid(request):
        return _unauthorized()
    try:
        phone, code, redirect = pay_account_parse(request.body)
    except RequestInvalid as exc:
        return _invalid(exc)
    account = accounts.account_create(phone_number=phone, country_code=code, redirect_url=redirect)
    link = request.build_absolute_uri(
        reverse("sandbox:gopay-link", kwargs={"token": account.activation_token})
    )
    actions = [
        {"name": "activation-deeplink", "method": "GET", "url": link},
        {"name": "activation-link-url", "method": "GET", "url": link},
        {"name": "activation-link-app", "method": "GET", "url": link},
    ]
    return _json(protocol.account_payload(account, actions=actions))


@require_GET
def pay_account_get(request: HttpRequest, account_id: str) -> JsonResponse:
    if not server_key_valid(request):
        return _unauthorized()
    account = _account(account_id)
    if account is None:
        return _no_account()
    return _json(protocol.account_payload(accounts.account_expire_if_due(account=account)))


@csrf_exempt
@require_POST
def pay_account_unbind(request: HttpRequest, account_id: str) -> JsonResponse:
    if not server_key_valid(request):
        return _unauthorized()
    account = _account(account_id)
    if account is None:
        return _no_account()
    unbound = accounts.account_unbind(account=account)
    return _json(
        protocol.account_payload(unbound)
        | {"channel_response_code": "0", "channel_response_message": protocol.UNBIND_MESSAGE}
    )


def _link_page(
    request: HttpRequest, account: SandboxPayAccount, *, error: str = "", status: int = 200
) -> HttpResponse:
    masked = f"+{account.country_code} {account.phone_number[:3]}•••{account.phone_number[-3:]}"
    return render(
        request,
        "sandbox/link.html",
        {
            "account": account,
            "state": account.account_status.lower(),
            "phone_masked": masked,
            "merchant_name": "Gotong (Sandbox)",
            "back_url": account.redirect_url or f"{settings.PUBLIC_BASE_URL}/",
            "error": error,
        },
        status=status,
    )


@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def gopay_link(request: HttpRequest, token: uuid.UUID) -> HttpResponse:
    """The page behind the activation URL: the person links (or refuses to link) GoPay."""
    found = SandboxPayAccount.objects.filter(activation_token=token).first()
    if found is None:
        raise Http404(_("Tautan tidak ditemukan"))
    account = accounts.account_expire_if_due(account=found)
    if request.method != "POST":
        return _link_page(request, account)
    decision = request.POST.get("decision", "")
    if decision not in ("approve", "decline"):
        return _link_page(request, account, error=_("Aksi tidak dikenal."), status=400)
    try:
        account = accounts.account_answer(account=account, approve=decision == "approve")
    except accounts.AccountStateError as exc:
        text = (
            _("Tautan ini sudah kedaluwarsa.")
            if exc.account.account_status == AccountStatus.EXPIRED
            else _("Tautan ini sudah dijawab dan tidak dapat diubah.")
        )
        return _link_page(request, exc.account, error=text, status=409)
    return _link_page(request, account)
