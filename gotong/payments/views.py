from __future__ import annotations

from django.http import Http404, HttpRequest, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from gotong.payments.gateways import gateways_active
from gotong.payments.models import NotificationSource
from gotong.payments.services import payment_report_apply

MAX_BODY = 64 * 1024


@csrf_exempt
@require_POST
def notification(request: HttpRequest, gateway: str) -> JsonResponse:
    """A gateway's HTTP notification (`/payments/midtrans/notification`). Authenticated by the
    plugin's own check (Midtrans: signature_key), not by session or CSRF."""
    if gateway not in gateways_active():
        raise Http404
    body = request.body[:MAX_BODY].decode("utf-8", errors="replace")
    result = payment_report_apply(
        raw_body=body,
        source=NotificationSource.HTTP,
        gateway=gateway,
        remote_addr=request.META.get("REMOTE_ADDR"),
    )
    return JsonResponse(
        {"outcome": result.outcome.value, "detail": result.detail}, status=result.http_status
    )
