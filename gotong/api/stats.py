"""API v1: open data's statistics of money flows (decision 36) and in-kind aid (decision 38),
read from the stored rollups only and cached by the data's version."""

import datetime
from typing import Any, Literal

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from gotong.api.schemas import ErrorOut
from gotong.inkind.catalogue import Item
from gotong.opendata import datasets
from gotong.opendata.selectors import flows_stats, in_kind_stats

router = Router(tags=["open data"])
MONTH = r"^[0-9]{4}-(0[1-9]|1[0-2])$"


class LogHeadOut(Schema):
    tree_size: int
    root_hash: str
    timestamp: int = Field(description="milliseconds since the Unix epoch")


class FlowOut(Schema):
    key: str = Field(description="the month (YYYY-MM), category or province code (or unknown)")
    donations: int | None = Field(description="null when suppressed")
    amount: int | None = Field(description="rupiah; null when suppressed")
    fees: int | None = Field(description="rupiah; null when suppressed")
    disbursed: int
    refunded: int | None = Field(description="rupiah; null when suppressed")
    suppressed: bool = Field(description="fewer than 3 donations in this group")


class FlowsOut(Schema):
    by: str
    log_head: LogHeadOut | None
    items: list[FlowOut]


class FlowsQuery(Schema):
    by: Literal["month", "category", "province"] = "month"
    start: str | None = Field(None, alias="from", pattern=MONTH, description="first month, YYYY-MM")
    end: str | None = Field(None, alias="to", pattern=MONTH, description="last month, YYYY-MM")


def _month(value: str | None) -> datetime.date | None:
    return datetime.date(int(value[:4]), int(value[5:7]), 1) if value else None


@router.get(
    "/stats/flows",
    response={200: FlowsOut, 422: ErrorOut},
    operation_id="stats_flows",
)
def stats_flows(request: HttpRequest, query: Query[FlowsQuery]) -> Any:
    """Donations, amount, fees, disbursed and refunded by `by` (month, category or province),
    from `from` to `to` (months, inclusive). Groups with fewer than 3 donations are suppressed."""
    head = datasets.log_head()
    return {
        "by": query.by,
        "log_head": head.as_dict() if head else None,
        "items": flows_stats(by=query.by, start=_month(query.start), end=_month(query.end)),
    }


class InKindOut(Schema):
    key: str = Field(description="the month (YYYY-MM), item or province code")
    item: str = Field(description="the catalogue item the quantities count")
    unit: str = Field(description="the unit of its quantities (empty for lainnya)")
    needs_opened: int
    needs_fulfilled: int
    needs_expired: int
    requested: int | None = Field(description="null for lainnya (the posters' own units)")
    pledges: int | None = Field(description="pledges behind the group; null when suppressed")
    pledged: int | None = Field(description="null when suppressed, or for lainnya")
    released: int | None = Field(description="null when suppressed, or for lainnya")
    delivered: int | None = Field(description="confirmed; null when suppressed, or for lainnya")
    suppressed: bool = Field(description="fewer than 3 pledges in this group")


class InKindStatsOut(Schema):
    by: str
    log_head: LogHeadOut | None
    items: list[InKindOut]


class InKindQuery(Schema):
    by: Literal["month", "item", "province"] = "month"
    start: str | None = Field(None, alias="from", pattern=MONTH, description="first month, YYYY-MM")
    end: str | None = Field(None, alias="to", pattern=MONTH, description="last month, YYYY-MM")
    item: Item | None = Field(None, description="only this catalogue item")


@router.get(
    "/stats/in-kind",
    response={200: InKindStatsOut, 422: ErrorOut},
    operation_id="stats_in_kind",
)
def stats_in_kind(request: HttpRequest, query: Query[InKindQuery]) -> Any:
    """Needs opened, fulfilled and expired, quantities requested, pledged, released and
    delivered (confirmed) by `by` (month, item or province) and item, from `from` to `to`
    (months, inclusive). A group's pledge columns are suppressed under 3 pledges."""
    head = datasets.log_head()
    return {
        "by": query.by,
        "log_head": head.as_dict() if head else None,
        "items": in_kind_stats(
            by=query.by,
            start=_month(query.start),
            end=_month(query.end),
            item=query.item.value if query.item else None,
        ),
    }
