from __future__ import annotations

import csv
import datetime
import json
from collections.abc import Iterator

from django.conf import settings
from django.core.cache import cache
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from gotong.campaigns.models import Campaign
from gotong.campaigns.selectors import campaign_get_public, campaigns_with_ledger
from gotong.disbursements.selectors import disbursements_paid
from gotong.donations.public_ledger import campaign_ledger_rows, platform_totals
from gotong.inkind.selectors import deliveries_confirmed_count
from gotong.opendata.charts import flow_charts, in_kind_chart
from gotong.opendata.datasets import MIN_DONATIONS
from gotong.transparency.selectors import log_head_latest

CSV_COLUMNS = ("entry_id", "time", "kind", "description", "order_id", "amount", "balance")


def _public_campaign(slug: str) -> Campaign:
    campaign = campaign_get_public(slug=slug)
    if campaign is None:
        raise Http404
    return campaign


@require_GET
def campaign_ledger(request: HttpRequest, slug: str) -> HttpResponse:
    campaign = _public_campaign(slug)
    return render(
        request,
        "ledger/campaign_ledger.html",
        {
            "campaign": campaign,
            "rows": list(campaign_ledger_rows(campaign=campaign)),
            "paid": disbursements_paid(campaign=campaign),
        },
    )


class _Echo:
    """A file-like object whose write() returns the line, for streaming csv.writer output."""

    def write(self, value: str) -> str:
        return value


def _csv_lines(campaign: Campaign) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield writer.writerow(CSV_COLUMNS)
    for row in campaign_ledger_rows(campaign=campaign):
        values = row.as_dict()
        yield writer.writerow([values[column] for column in CSV_COLUMNS])


@require_GET
def campaign_ledger_csv(request: HttpRequest, slug: str) -> StreamingHttpResponse:
    campaign = _public_campaign(slug)
    response = StreamingHttpResponse(_csv_lines(campaign), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="buku-besar-{campaign.slug}.csv"'
    return response


@require_GET
def campaign_ledger_json(request: HttpRequest, slug: str) -> HttpResponse:
    campaign = _public_campaign(slug)
    body = {
        "campaign": {"slug": campaign.slug, "title": campaign.title, "url": campaign.public_url},
        "collected": campaign.collected,
        "fees": campaign.fees,
        "paid_out": campaign.paid_out,
        "refunded": campaign.refunded,
        "available": campaign.available,
        "entries": [row.as_dict() for row in campaign_ledger_rows(campaign=campaign)],
    }
    return HttpResponse(
        json.dumps(body, ensure_ascii=False), content_type="application/json; charset=utf-8"
    )


def _verifier_commands(public_key: str | None) -> list[str]:
    """How to run tools/verify_log.py against this site: the whole log (pinning the key it is
    signed with today), one receipt, one delivery, one info post's history."""
    site = settings.PUBLIC_BASE_URL
    pin = f" --public-key {public_key}" if public_key else ""
    return [
        "pip install cryptography",
        f"python verify_log.py {site}{pin}",
        f"python verify_log.py {site} --receipt GTG-…",
        f"python verify_log.py {site} --delivery 31",
        f"python verify_log.py {site} --info 9",
    ]


@require_GET
def transparency(request: HttpRequest) -> HttpResponse:
    totals = cache.get_or_set("platform-totals", platform_totals, 60)
    deliveries = cache.get_or_set("platform-deliveries", deliveries_confirmed_count, 60)
    head = log_head_latest()
    campaigns = Paginator(campaigns_with_ledger(), 50).get_page(request.GET.get("halaman"))
    signed_at = (
        datetime.datetime.fromtimestamp(head.timestamp / 1000, tz=datetime.UTC) if head else None
    )
    return render(
        request,
        "ledger/transparency.html",
        {
            "totals": totals,
            "deliveries": deliveries,
            "charts": flow_charts() + [c for c in (in_kind_chart(),) if c],
            "min_donations": MIN_DONATIONS,
            "fee_basis_points": settings.PLATFORM_FEE_BASIS_POINTS,
            "campaigns": campaigns,
            "head": head,
            "head_signed_at": signed_at,
            "verifier_commands": _verifier_commands(head.public_key if head else None),
        },
    )
