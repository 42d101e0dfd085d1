"""Open data (decision 36): the datasets' rows, read from stored counters and rollups only.

`flows_monthly` groups the ledger's per-campaign months (`ledger.FlowMonth`, kept by the
movement writer) by month, category, province and kabupaten/kota; a campaign without a region
counts under the region code "unknown". A cell with fewer than `MIN_DONATIONS` donations shows
no donation count, amount, fee or refund (empty, `suppressed` true); what was disbursed stays,
as every payout is public on the campaign's ledger already.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any, cast

from django.db.models import Max, Model, Sum
from django.utils import timezone

from gotong.campaigns.models import PUBLIC_STATUSES, Campaign, Category
from gotong.disbursements.models import UsageReport
from gotong.info.models import InfoStatusChange
from gotong.inkind.models import AidEvent
from gotong.ledger.models import FlowMonth, JournalEntry
from gotong.ledger.movements import available_of
from gotong.regions.models import Region
from gotong.transparency.selectors import log_head_latest
from gotong.verification.models import CampaignerVerification, VerificationStatus

MIN_DONATIONS = 3
UNKNOWN_REGION = "unknown"
_SUPPRESSIBLE = ("donations", "amount", "fees", "refunded")


@dataclass(frozen=True)
class LogHead:
    tree_size: int
    root_hash: str
    timestamp: int

    def as_dict(self) -> dict[str, Any]:
        return {
            "tree_size": self.tree_size,
            "root_hash": self.root_hash,
            "timestamp": self.timestamp,
        }


def log_head() -> LogHead | None:
    head = log_head_latest()
    if head is None:
        return None
    return LogHead(head.tree_size, head.root_hash, head.timestamp)


# What each dataset is computed from, whose last row versions it: the journal for money, the
# in-kind moves and the info status changes for theirs (each kept with its rollup), nothing
# but the head for the regions and the package.
_SOURCES: dict[str, type[Model] | None] = {
    "in_kind_monthly": AidEvent,
    "info_monthly": InfoStatusChange,
    "regions": None,
    "datapackage": None,
}


def _campaigns_stamp() -> str:
    """A campaign's words and status, and a verification's decision, change without a movement."""
    edited = Campaign.objects.aggregate(m=Max("updated_at"))["m"]
    decided = CampaignerVerification.objects.aggregate(m=Max("decided_at"))["m"]
    return "-".join(f"{m.timestamp():.6f}" if m else "0" for m in (edited, decided))


def _disbursements_stamp() -> str:
    """A report of use arrives without a movement, and a report falls overdue with the days."""
    reported = UsageReport.objects.aggregate(m=Max("id"))["m"]
    return f"{reported or 0}-{timezone.localdate():%Y%m%d}"


# What moves a dataset besides its source rows.
_STAMPS: dict[str, Callable[[], str]] = {
    "campaigns": _campaigns_stamp,
    "disbursements": _disbursements_stamp,
}


def data_version(dataset: str = "flows_monthly") -> str:
    """Changes with every row the dataset is computed from and every signed head: the cache
    key of its data."""
    source = _SOURCES.get(dataset, JournalEntry)
    last = source._default_manager.aggregate(m=Max("id"))["m"] or 0 if source else 0
    head = log_head()
    stamp = f"-{_STAMPS[dataset]()}" if dataset in _STAMPS else ""
    return f"{last}-{head.tree_size if head else 0}{stamp}"


def _province(code: str | None) -> str:
    return code.split(".")[0] if code else UNKNOWN_REGION


def _kabupaten(code: str | None) -> str:
    if not code or "." not in code:
        return ""
    return ".".join(code.split(".")[:2])


def flows_cells(
    *, start: date | None = None, end: date | None = None
) -> dict[tuple[str, str, str, str], dict[str, int]]:
    """(month "YYYY-MM", category, province, kabupaten) → sums, before suppression."""
    months = FlowMonth.objects.all()
    if start is not None:
        months = months.filter(month__gte=start)
    if end is not None:
        months = months.filter(month__lte=end)
    grouped = months.values("month", "campaign__category", "campaign__region_id").annotate(
        donations=Sum("donor_count"),
        amount=Sum("collected"),
        fees=Sum("fees"),
        disbursed=Sum("paid_out"),
        refunded=Sum("refunded"),
    )
    cells: dict[tuple[str, str, str, str], dict[str, int]] = defaultdict(
        lambda: dict.fromkeys(("donations", "amount", "fees", "disbursed", "refunded"), 0)
    )
    for row in grouped:
        region = row["campaign__region_id"]
        key = (
            f"{row['month']:%Y-%m}",
            row["campaign__category"],
            _province(region),
            _kabupaten(region),
        )
        for name in cells[key]:
            cells[key][name] += row[name]
    return dict(sorted(cells.items()))


def suppressed(
    values: dict[str, int], *, count: str = "donations", hide: tuple[str, ...] = _SUPPRESSIBLE
) -> dict[str, Any]:
    """The one rule of the datasets and the API: a cell with fewer than MIN_DONATIONS of the
    people's records behind it (`count`: donations, or pledges for in-kind aid) hides the
    columns those records make (`hide`)."""
    hidden = values[count] < MIN_DONATIONS
    out: dict[str, Any] = {
        name: (None if hidden and name in hide else value) for name, value in values.items()
    }
    out["suppressed"] = hidden
    return out


def flows_monthly_rows() -> Iterator[dict[str, Any]]:
    names = region_names()
    for (month, category, province, kabupaten), values in flows_cells().items():
        yield {
            "month": month,
            "category": category,
            "province_code": province,
            "province_name": names.get(province, ""),
            "kabupaten_code": kabupaten,
            "kabupaten_name": names.get(kabupaten, ""),
            **suppressed(values),
        }


def region_names() -> dict[str, str]:
    return dict(Region.objects.filter(level__lte=2).values_list("code", "name"))


def campaigns_rows() -> Iterator[dict[str, Any]]:
    """Every public campaign with its stored counters (already public on its page) and whether
    its campaigner's identity was verified (the badge its page shows)."""
    names = region_names()
    verified = set(
        CampaignerVerification.objects.filter(status=VerificationStatus.APPROVED).values_list(
            "user_id", flat=True
        )
    )
    rows = (
        Campaign.objects.filter(status__in=PUBLIC_STATUSES)
        .select_related("region")
        .order_by("id")
        .values(
            "id",
            "title",
            "category",
            "region_id",
            "region__name",
            "owner_id",
            "target",
            "collected",
            "fees",
            "paid_out",
            "refunded",
            "donor_count",
            "created_at",
            "published_at",
            "ended_at",
            "status",
        )
        .iterator(chunk_size=5_000)
    )
    for row in rows:
        region = row["region_id"]
        yield {
            "id": row["id"],
            "title": row["title"],
            "category": row["category"],
            "region_code": region or UNKNOWN_REGION,
            "region_name": row["region__name"] or "",
            "province_code": _province(region),
            "province_name": names.get(_province(region), ""),
            "campaigner_verified": row["owner_id"] in verified,
            "target": row["target"],
            "collected": row["collected"],
            "fees": row["fees"],
            "paid_out": row["paid_out"],
            "refunded": row["refunded"],
            "available": available_of(cast("dict[str, int]", row)),
            "donor_count": row["donor_count"],
            "created": _day(row["created_at"]),
            "published": _day(row["published_at"]),
            "ended": _day(row["ended_at"]),
            "status": row["status"],
        }


def _day(moment: Any) -> str:
    return timezone.localdate(moment).isoformat() if moment else ""


CATEGORIES = [c.value for c in Category]
