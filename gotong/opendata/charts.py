"""The charts of open data (decision 39): money per month, by category, by province, the fee
share against the legal cap; for the whole platform or one region. Read from the stored month
rollup (`ledger.FlowMonth`) only, cached by the data's version, and suppressed by the datasets'
rule: a group with fewer than 3 donations counts as nothing (drawn and tabled as zero; the
pages say so beside the charts)."""

from __future__ import annotations

from datetime import date, timedelta

from django.conf import settings
from django.core.cache import cache
from django.db.models import QuerySet, Sum
from django.utils import formats, timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from gotong.campaigns.models import Campaign, Category
from gotong.core.charts import Chart, Series, value_text
from gotong.donations.selectors import donations_per_day
from gotong.inkind.catalogue import CATALOGUE, Item
from gotong.ledger.models import FlowMonth
from gotong.opendata import datasets
from gotong.opendata.aid import in_kind_groups
from gotong.regions.models import Region

MONTHS = 12
CAMPAIGN_DAYS = 30
PROVINCES_SHOWN = 10
LEGAL_FEE_CAP_BASIS_POINTS = 1_000  # PP 29/1980: costs at most 10 % of what is collected
_SUMS = {
    "donations": Sum("donor_count"),
    "amount": Sum("collected"),
    "fees": Sum("fees"),
    "disbursed": Sum("paid_out"),
}


def months_back(*, count: int, today: date | None = None) -> list[date]:
    """The first days of the last `count` calendar months, oldest first, this month last."""
    day = today or timezone.localdate()
    year, month = day.year, day.month
    firsts = []
    for _step in range(count):
        firsts.append(date(year, month, 1))
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
    return firsts[::-1]


def _rollup(region_code: str | None) -> QuerySet[FlowMonth]:
    rows = FlowMonth.objects.all()
    if region_code:
        rows = rows.filter(campaign__region__code__startswith=region_code)
    return rows


def _shown(values: dict[str, int | None]) -> dict[str, int]:
    """A group's sums as a chart draws them: nothing of a suppressed group's donations."""
    cell = datasets.suppressed({name: int(values[name] or 0) for name in _SUMS})
    return {name: (0 if cell[name] is None else int(cell[name])) for name in _SUMS}


def flow_charts(*, region_code: str | None = None) -> list[Chart]:
    """The charts of the platform's (or one region's) money, cached per data version."""
    key = (
        f"opendata:{datasets.data_version()}:charts:{region_code or '-'}:"
        f"{get_language()}:{timezone.localdate():%Y-%m}"
    )
    charts = cache.get(key)
    if charts is None:
        charts = _flow_charts(region_code)
        cache.set(key, charts, 3600)
    return list(charts)


def _flow_charts(region_code: str | None) -> list[Chart]:
    months = months_back(count=MONTHS)
    by_month = {
        row["month"]: _shown(row)
        for row in _rollup(region_code)
        .filter(month__gte=months[0])
        .values("month")
        .annotate(**_SUMS)
    }
    if not by_month:
        return []
    months = months[months.index(min(by_month)) :]  # from the first month with money
    slug = f"r{region_code.replace('.', '-')}" if region_code else "all"
    labels = tuple(formats.date_format(m, "M Y") for m in months)
    axis = tuple(formats.date_format(m, "M") for m in months)
    empty = dict.fromkeys(_SUMS, 0)
    per_month = [by_month.get(m, empty) for m in months]
    charts = [
        Chart(
            slug=f"{slug}-months",
            title=_("Terkumpul dan dicairkan per bulan"),
            kind="columns",
            unit="rupiah",
            labels=labels,
            axis=axis,
            series=(
                Series(_("Terkumpul"), tuple(m["amount"] for m in per_month)),
                Series(_("Dicairkan"), tuple(m["disbursed"] for m in per_month)),
            ),
        ),
        _categories(region_code, slug),
    ]
    if not region_code:
        charts.append(_provinces(slug))
    charts.append(_fee_share(slug, labels, axis, per_month))
    return [chart for chart in charts if not chart.empty]


def _categories(region_code: str | None, slug: str) -> Chart:
    groups = [
        (row["campaign__category"], _shown(row)["amount"])
        for row in _rollup(region_code).values("campaign__category").annotate(**_SUMS)
    ]
    names = dict(Category.choices)
    ranked = sorted((g for g in groups if g[1]), key=lambda g: -g[1])
    return Chart(
        slug=f"{slug}-categories",
        title=_("Terkumpul menurut kategori"),
        kind="bars",
        unit="rupiah",
        labels=tuple(str(names.get(code, code)) for code, _amount in ranked),
        series=(Series(_("Terkumpul"), tuple(amount for _code, amount in ranked)),),
    )


def _provinces(slug: str) -> Chart:
    sums: dict[str, dict[str, int]] = {}
    for row in FlowMonth.objects.values("campaign__region_id").annotate(**_SUMS):
        province = (row["campaign__region_id"] or "").split(".")[0]
        if province:
            group = sums.setdefault(province, dict.fromkeys(_SUMS, 0))
            for name in _SUMS:
                group[name] += int(row[name] or 0)
    amounts = {code: _shown(dict(group))["amount"] for code, group in sums.items()}
    ranked = sorted((c for c in amounts if amounts[c]), key=lambda c: -amounts[c])
    ranked = ranked[:PROVINCES_SHOWN]
    names = dict(Region.objects.filter(code__in=ranked).values_list("code", "name"))
    return Chart(
        slug=f"{slug}-provinces",
        title=_("Provinsi dengan dana terbanyak"),
        kind="bars",
        unit="rupiah",
        labels=tuple(names.get(code, code) for code in ranked),
        series=(Series(_("Terkumpul"), tuple(amounts[code] for code in ranked)),),
    )


def _fee_share(
    slug: str, labels: tuple[str, ...], axis: tuple[str, ...], per_month: list[dict[str, int]]
) -> Chart:
    shares = tuple(m["fees"] * 10_000 // m["amount"] if m["amount"] else 0 for m in per_month)
    return Chart(
        slug=f"{slug}-fees",
        title=_("Biaya platform sebagai bagian dari donasi"),
        kind="line",
        unit="basis_points",
        labels=labels,
        axis=axis,
        series=(Series(_("Biaya platform"), shares),),
        cap=LEGAL_FEE_CAP_BASIS_POINTS,
        cap_label=_("batas 10 %"),
        note=_("Biaya platform kami %(fee)s; hukum membatasi biaya pengumpulan dana 10 %%.")
        % {"fee": value_text(settings.PLATFORM_FEE_BASIS_POINTS, "basis_points")},
    )


def campaign_chart(*, campaign: Campaign) -> Chart | None:
    """Donations per day over the campaign's last 30 days (every one is on its public ledger
    already), or None before its first; cached until its total or donor count moves."""
    today = timezone.localdate()
    key = (
        f"campaign-chart:{campaign.pk}:{campaign.collected}:{campaign.donor_count}:"
        f"{get_language()}:{today}"
    )
    chart = cache.get(key)
    if chart is None:
        days = [today - timedelta(days=n) for n in range(CAMPAIGN_DAYS - 1, -1, -1)]
        amounts = donations_per_day(campaign=campaign, since=days[0])
        chart = Chart(
            slug=f"c{campaign.pk}-days",
            title=_("Donasi per hari, 30 hari terakhir"),
            kind="columns",
            unit="rupiah",
            labels=tuple(formats.date_format(day, "j M") for day in days),
            axis=tuple(formats.date_format(day, "j/n") for day in days),
            series=(Series(_("Donasi"), tuple(amounts.get(day, 0) for day in days)),),
        )
        cache.set(key, chart, 3600)
    return None if chart.empty else chart


def in_kind_chart() -> Chart | None:
    """Per catalogue item, the share of what was asked for that its recipients confirmed as
    received (each item has its own unit, so the chart compares shares; the labels carry the
    quantities). An item with fewer than 3 pledges is left out, as in `in_kind_monthly`."""
    key = f"opendata:{datasets.data_version('in_kind_monthly')}:charts:in-kind:{get_language()}"
    chart = cache.get(key)
    if chart is None:
        sums: dict[str, dict[str, int]] = {}
        for (_group, item), values in in_kind_groups(by="item").items():
            total = sums.setdefault(item, {"requested": 0, "delivered": 0, "pledges": 0})
            for name in total:
                total[name] += int(values[name] or 0)
        shown = sorted(
            (
                (item, s)
                for item, s in sums.items()
                if s["requested"] and s["pledges"] >= datasets.MIN_DONATIONS and item in CATALOGUE
            ),
            key=lambda pair: -pair[1]["delivered"] * 10_000 // pair[1]["requested"],
        )
        names = dict(Item.choices)
        chart = Chart(
            slug="in-kind",
            title=_("Bantuan barang: bagian yang sudah diterima"),
            kind="bars",
            unit="basis_points",
            labels=tuple(
                _("%(item)s: %(delivered)s dari %(requested)s %(unit)s")
                % {
                    "item": names[item],
                    "delivered": value_text(s["delivered"], "count"),
                    "requested": value_text(s["requested"], "count"),
                    "unit": _(CATALOGUE[item].unit),
                }
                for item, s in shown
            ),
            series=(
                Series(
                    _("Diterima"),
                    tuple(
                        min(s["delivered"] * 10_000 // s["requested"], 10_000) for _i, s in shown
                    ),
                ),
            ),
        )
        cache.set(key, chart, 3600)
    return None if chart.empty else chart
