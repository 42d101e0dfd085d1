from __future__ import annotations

from django.http import HttpRequest, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from gotong.payments.models import NotificationSource
from gotong.payments.services import payment_report_apply

MAX_BODY = 64 * 1024


@csrf_exempt
@require_POST
def midtrans_notification(request: HttpRequest) -> JsonResponse:
    """Midtrans HTTP notification. Authenticated by its signature_key, not by session or CSRF."""
    body = request.body[:MAX_BODY].decode("utf-8", errors="replace")
    result = payment_report_apply(
        raw_body=body, source=NotificationSource.HTTP, remote_addr=request.META.get("REMOTE_ADDR")
    )
    return JsonResponse(
        {"outcome": result.outcome.value, "detail": result.detail}, status=result.http_status
    )
