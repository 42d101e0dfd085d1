"""Prometheus metrics at /metrics (text exposition format).

Counted in the process: HTTP answers by method and status (RequestCountMiddleware). Under
gunicorn with several workers, set PROMETHEUS_MULTIPROC_DIR to an empty folder writable by all
of them (emptied at each start): the counters are then kept in files there and summed on scrape.

Read from the database on scrape, so they are the same whichever process answers: settlements
(ledger entries, which only grow), payment notifications by outcome, tasks ready and running
per queue, live task workers, and the sealing lag of the transparency log. The models are
looked up by label: core sits below the apps that own them (import-linter layers).
"""

from __future__ import annotations

import datetime
import hmac
from collections.abc import Iterator

from django.apps import apps
from django.conf import settings
from django.db.models import Count, Min
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.views.decorators.http import require_safe
from django_tasks_db.models import DBTaskResult
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, generate_latest
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily, Metric
from prometheus_client.multiprocess import MultiProcessCollector
from prometheus_client.registry import Collector

from gotong.core.models import WorkerHeartbeat

HTTP_REQUESTS = Counter(
    "gotong_http_requests",
    "HTTP answers by method and status code.",
    ["method", "status"],
    registry=None,
)
LOOPBACK = {"127.0.0.1", "::1"}


class DatabaseCollector(Collector):
    def collect(self) -> Iterator[Metric]:
        now = timezone.now()
        journal_entry = apps.get_model("ledger", "JournalEntry")
        notification = apps.get_model("payments", "PaymentNotification")
        tree_head = apps.get_model("transparency", "TreeHead")

        settled = journal_entry.objects.filter(kind="donation_settled").count()
        yield CounterMetricFamily(
            "gotong_settlements", "Donations settled (ledger entries).", value=settled
        )

        outcomes = CounterMetricFamily(
            "gotong_payment_notifications",
            "Gateway notifications received, by outcome.",
            labels=["outcome"],
        )
        for row in notification.objects.values("outcome").annotate(n=Count("pk")).order_by():
            outcomes.add_metric([row["outcome"]], row["n"])
        yield outcomes

        tasks = GaugeMetricFamily(
            "gotong_tasks", "Tasks ready or running, per queue.", labels=["queue", "status"]
        )
        rows = (
            DBTaskResult.objects.filter(status__in=["READY", "RUNNING"])
            .values("queue_name", "status")
            .annotate(n=Count("pk"))
            .order_by()
        )
        for row in rows:
            tasks.add_metric([row["queue_name"], row["status"].lower()], row["n"])
        yield tasks

        lost_after = datetime.timedelta(seconds=settings.WORKER_LOST_AFTER_SECONDS)
        alive = WorkerHeartbeat.objects.filter(last_seen__gte=now - lost_after).count()
        yield GaugeMetricFamily(
            "gotong_task_workers", "Task workers that beat recently.", value=alive
        )

        oldest = journal_entry.objects.filter(log_leaf__isnull=True).aggregate(
            at=Min("created_at")
        )["at"]
        yield GaugeMetricFamily(
            "gotong_log_unsealed_seconds",
            "Age of the oldest ledger entry not yet in the transparency log (0: none).",
            value=(now - oldest).total_seconds() if oldest else 0.0,
        )
        head = tree_head.objects.order_by("-created_at").values_list("created_at", flat=True)
        last = head.first()
        if last is not None:
            yield GaugeMetricFamily(
                "gotong_log_head_age_seconds",
                "Seconds since the transparency log's last signed tree head.",
                value=(now - last).total_seconds(),
            )


def _allowed(request: HttpRequest) -> bool:
    """With METRICS_TOKEN: its bearer only. Without: a scraper on this machine only, not
    through a proxy (which would forward the visitor's address)."""
    if settings.METRICS_TOKEN:
        given = request.headers.get("Authorization", "").encode()
        return hmac.compare_digest(given, f"Bearer {settings.METRICS_TOKEN}".encode())
    forwarded = "X-Forwarded-For" in request.headers or "Forwarded" in request.headers
    return request.META.get("REMOTE_ADDR") in LOOPBACK and not forwarded


@require_safe
def metrics(request: HttpRequest) -> HttpResponse:
    if not _allowed(request):
        response = HttpResponse("unauthorized\n", status=401, content_type="text/plain")
        response["WWW-Authenticate"] = "Bearer"
        return response
    registry = CollectorRegistry()
    if settings.PROMETHEUS_MULTIPROC_DIR:
        MultiProcessCollector(registry)
    else:
        registry.register(HTTP_REQUESTS)
    registry.register(DatabaseCollector())
    response = HttpResponse(generate_latest(registry), content_type=CONTENT_TYPE_LATEST)
    response["Cache-Control"] = "no-store"
    return response
