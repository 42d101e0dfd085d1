"""HTTP face of the sandbox: Midtrans' Snap and Core API endpoints, the simulator, the pay page.

The pay page forms are CSRF-exempt on purpose: the unguessable token in the URL is the only
capability, exactly as on Midtrans' own page, and the simulator endpoint already lets anyone who
knows an order id do the same changes without a token.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST, require_safe

from gotong.payments.sandbox import protocol, refunds, services
from gotong.payments.sandbox.auth import server_key_valid
from gotong.payments.sandbox.models import SandboxTransaction
from gotong.payments.sandbox.page import pay_page_context
from gotong.payments.sandbox.selectors import (
    transaction_get_by_order_id,
    transaction_get_by_token,
)
from gotong.payments.sandbox.validation import (
    RequestInvalid,
    notification_urls_parse,
    simulate_request_parse,
    snap_request_parse,
)

NOTIFICATION_PATH = "/payments/midtrans/notification"
PAGE_FINISH_STATUSES = ("settlement", "cancel", "expire")


def _json(data: dict[str, Any], status: int = 200) -> JsonResponse:
    return JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})


@csrf_exempt
@require_POST
def snap_transaction_create(request: HttpRequest) -> JsonResponse:
    if not server_key_valid(request):
        return _json(protocol.unauthorized_payload(), status=401)
    try:
        snap = snap_request_parse(request.body)
        urls = notification_urls_parse(
            override=request.headers.get("X-Override-Notification"),
            append=request.headers.get("X-Append-Notification"),
            default=f"{settings.PUBLIC_BASE_URL}{NOTIFICATION_PATH}",
        )
    except RequestInvalid as exc:
        return _json(protocol.error_payload(exc.messages), status=400)
    try:
        txn = services.transaction_create(
            order_id=snap.order_id,
            gross_amount=snap.gross_amount,
            notification_urls=urls,
            customer_details=snap.customer_details,
            item_details=snap.item_details,
            finish_url=snap.finish_url,
            expiry_start=snap.expiry_start,
            expiry=snap.expiry,
            enabled_payments=snap.enabled_payments,
            save_card=snap.save_card,
        )
    except services.OrderIdTaken:
        return _json(
            protocol.error_payload(["transaction_details.order_id has already been taken"]),
            status=400,
        )
    redirect_url = request.build_absolute_uri(reverse("sandbox:pay", kwargs={"token": txn.token}))
    return _json({"token": str(txn.token), "redirect_url": redirect_url}, status=201)


@require_GET
def transaction_status(request: HttpRequest, order_id: str) -> JsonResponse:
    if not server_key_valid(request):
        return _json(protocol.unauthorized_status_payload(), status=401)
    txn = transaction_get_by_order_id(order_id=order_id)
    if txn is None or not txn.method_chosen:
        return _json(protocol.not_found_payload(), status=404)
    txn = services.transaction_expire_if_due(txn=txn)
    return _json(protocol.status_payload(txn))


@csrf_exempt
@require_POST
def transaction_refund(request: HttpRequest, order_id: str) -> JsonResponse:
    if not server_key_valid(request):
        return _json(protocol.unauthorized_status_payload(), status=401)
    txn = transaction_get_by_order_id(order_id=order_id)
    if txn is None or not txn.method_chosen:
        return _json(protocol.not_found_payload(), status=404)
    try:
        key, amount, reason = refunds.refund_request_parse(request.body)
        txn, refund = refunds.transaction_refund(
            txn=txn, refund_key=key, amount=amount, reason=reason
        )
    except refunds.RefundRefused as exc:
        return _json(
            {"status_code": str(exc.status), "status_message": exc.message}, status=exc.status
        )
    return _json(refunds.refund_payload(txn, refund))


@csrf_exempt
@require_POST
def transaction_simulate(request: HttpRequest, order_id: str) -> JsonResponse:
    txn = transaction_get_by_order_id(order_id=order_id)
    if txn is None:
        return _json(protocol.not_found_payload(), status=404)
    try:
        simulate = simulate_request_parse(request.body)
    except RequestInvalid as exc:
        return _json(protocol.error_payload(exc.messages), status=400)
    if simulate.payment_type not in txn.methods_offered:
        refused = f"payment_type {simulate.payment_type} is not enabled for this transaction"
        return _json(protocol.error_payload([refused]), status=400)
    try:
        txn = services.transaction_simulate(
            txn=txn,
            payment_type=simulate.payment_type,
            transaction_status=simulate.transaction_status,
        )
    except services.TransactionStateError as exc:
        body = protocol.error_payload([exc.message])
        body["transaction_status"] = exc.txn.transaction_status or None
        return _json(body, status=409)
    return _json(protocol.status_payload(txn))


def _transaction_or_404(token: uuid.UUID) -> SandboxTransaction:
    txn = transaction_get_by_token(token=token)
    if txn is None:
        raise Http404(_("Transaksi tidak ditemukan"))
    return txn


def _page(
    request: HttpRequest, txn: SandboxTransaction, *, error: str = "", status: int = 200
) -> HttpResponse:
    return render(request, "sandbox/pay.html", pay_page_context(txn, error=error), status=status)


def _see_other(txn: SandboxTransaction) -> HttpResponseRedirect:
    """Post/redirect/get back to the pay page."""
    response = HttpResponseRedirect(reverse("sandbox:pay", kwargs={"token": txn.token}))
    response.status_code = 303
    return response


@require_safe
def pay_page(request: HttpRequest, token: uuid.UUID) -> HttpResponse:
    txn = services.transaction_expire_if_due(txn=_transaction_or_404(token))
    return _page(request, txn)


@csrf_exempt
@require_POST
def pay_method(request: HttpRequest, token: uuid.UUID) -> HttpResponse:
    txn = _transaction_or_404(token)
    payment_type = request.POST.get("payment_type", "")
    if payment_type not in txn.methods_offered:
        return _page(request, txn, error=_("Pilih metode pembayaran yang tersedia."), status=400)
    try:
        services.transaction_choose_method(txn=txn, payment_type=payment_type)
    except services.TransactionStateError as exc:
        return _page(request, exc.txn, error=_state_error_text(exc), status=409)
    return _see_other(txn)


@csrf_exempt
@require_POST
def pay_finish(request: HttpRequest, token: uuid.UUID) -> HttpResponse:
    txn = _transaction_or_404(token)
    transaction_status = request.POST.get("transaction_status", "")
    if transaction_status not in PAGE_FINISH_STATUSES:
        return _page(request, txn, error=_("Aksi tidak dikenal."), status=400)
    try:
        services.transaction_finish(txn=txn, transaction_status=transaction_status)
    except services.TransactionStateError as exc:
        return _page(request, exc.txn, error=_state_error_text(exc), status=409)
    return _see_other(txn)


def _state_error_text(exc: services.TransactionStateError) -> str:
    if isinstance(exc, services.TransactionExpired):
        return _("Transaksi sudah kedaluwarsa dan tidak dapat dibayar.")
    if isinstance(exc, services.TransactionFinal):
        return _("Transaksi ini sudah selesai dan tidak dapat diubah.")
    return _("Pilih metode pembayaran terlebih dahulu.")
