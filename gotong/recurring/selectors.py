"""Reads for donasi rutin: a donor's plan with its periods, a campaign's active plans and what
they promise a month, and a year's settled gifts of a donor's plans."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q, QuerySet

from gotong.campaigns.models import Campaign
from gotong.donations.models import Donation, DonationStatus
from gotong.recurring.models import Period, Plan
from gotong.recurring.schedule import monthly_amount
from gotong.recurring.transitions import PlanStatus


def plan_get(*, plan_id: int) -> Plan | None:
    return Plan.objects.select_related("campaign").filter(pk=plan_id).first()


def periods_of(*, plan: Plan) -> QuerySet[Period]:
    return plan.periods.select_related("donation").order_by("-start")


@dataclass(frozen=True)
class PlanTotals:
    active: int
    monthly: int  # integer rupiah a month, weekly plans counted 52/12, rounded down


def plan_totals(*, campaign: Campaign) -> PlanTotals:
    rows = Plan.objects.filter(campaign=campaign, status=PlanStatus.ACTIVE).values_list(
        "cadence", "amount"
    )
    monthly = sum(monthly_amount(cadence=c, amount=a) for c, a in rows)
    return PlanTotals(active=len(rows), monthly=monthly)


def active_plan_count(*, campaign: Campaign) -> int:
    return Plan.objects.filter(campaign=campaign, status=PlanStatus.ACTIVE).count()


def year_gifts(*, email: str, year: int) -> QuerySet[Donation]:
    """Settled gifts of the year from every plan of this address (the statement's rows): the
    periods' gifts and every charge of an automatic plan."""
    email = email.lower()
    return (
        Donation.objects.filter(
            Q(plan_period__plan__email=email) | Q(plan_charge__plan__email=email),
            status=DonationStatus.SETTLED,
            settled_at__year=year,
        )
        .distinct()
        .select_related("campaign")
        .order_by("settled_at", "pk")
    )
