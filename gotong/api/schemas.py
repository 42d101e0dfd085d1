from __future__ import annotations

import datetime

from ninja import Schema
from pydantic import Field

from gotong.campaigns.models import Campaign
from gotong.donations.models import Donation


class CampaignOut(Schema):
    slug: str
    title: str
    summary: str
    category: str
    beneficiary: str
    location: str
    target: int
    collected: int
    fees: int
    available: int
    donor_count: int
    deadline: datetime.date
    days_left: int
    status: str
    url: str
    cover_url: str | None

    @staticmethod
    def resolve_url(obj: Campaign) -> str:
        return obj.public_url

    @staticmethod
    def resolve_cover_url(obj: Campaign) -> str | None:
        return obj.cover.url if obj.cover else None


class DonationIn(Schema):
    amount: int
    name: str = Field(max_length=200)
    email: str = ""
    anonymous: bool = False
    message: str = ""
    # An active gateway plugin: "midtrans" (QRIS, virtual account, e-wallet) or "transfer"
    # (manual bank transfer with a unique code); empty for the default.
    payment_method: str = Field("", max_length=32)


class DonationCreatedOut(Schema):
    order_id: str
    amount: int  # with a bank transfer, includes its unique code: the amount to transfer
    status: str
    payment_url: str
    payment_method: str


class PlanIn(Schema):
    """Donasi rutin: `cadence` "weekly" (`day` 0 = Senin … 6 = Minggu) or "monthly" (`day`
    1 to 28); `method` "reminder" (each period paid through an emailed link, by the gateway
    plugin `payment_method`) or "automatic" (`payment_method` "gopay" and the donor's GoPay
    `phone`: each period charged from the linked account). The email is required."""

    amount: int
    cadence: str = Field(max_length=8)
    day: int
    name: str = Field(max_length=200)
    email: str = Field(max_length=254)
    anonymous: bool = False
    message: str = ""
    method: str = Field("reminder", max_length=10)
    payment_method: str = Field("", max_length=32)
    phone: str = Field("", max_length=20)


class PlanCreatedOut(Schema):
    plan_id: int
    status: str
    amount: int
    cadence: str
    day: int
    next_due: str  # ISO date of the period after the first
    # A reminder plan: the first period's payment page; an automatic one: where the donor
    # approves the GoPay link (the plan is pending until then).
    payment_url: str


class DonationStatusOut(Schema):
    order_id: str
    amount: int
    status: str


class PublicDonationOut(Schema):
    name: str
    amount: int
    message: str
    settled_at: datetime.datetime

    @staticmethod
    def resolve_name(obj: Donation) -> str:
        return obj.public_name


class ErrorOut(Schema):
    """Every error answer (gotong/api/errors.py)."""

    code: str  # invalid, not_found, unauthenticated, forbidden, …: ErrorCode
    detail: str  # in Indonesian, or in English with Accept-Language: en
    errors: dict[str, list[str]] = {}  # 422: each field's messages


class ReferrerTotalOut(Schema):
    name: str
    total: int
    donation_count: int
