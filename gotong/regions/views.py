from __future__ import annotations

import re

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from gotong.campaigns.selectors import campaigns_in_region
from gotong.info.selectors import info_public
from gotong.inkind.selectors import needs_public, offers_public, open_needs_by_child
from gotong.inkind.share import regional_text
from gotong.opendata.charts import flow_charts
from gotong.opendata.datasets import MIN_DONATIONS
from gotong.regions import selectors
from gotong.regions.forms import RegionPickerForm, RegionSearchForm
from gotong.regions.models import RegionLevel

SECTION_SIZE = 10  # needs and offers shown on a region's page
TEXT_LIMIT = 50  # needs in a region's plain-text list

_PREFIX = re.compile(r"[A-Za-z0-9_-]{1,40}")


@require_GET
def regions_index(request: HttpRequest) -> HttpResponse:
    """/wilayah/: the provinces, and the search form."""
    return render(
        request,
        "regions/index.html",
        {"provinces": list(selectors.regions_provinces()), "form": RegionSearchForm()},
    )


@require_GET
def region_search(request: HttpRequest) -> HttpResponse:
    """/wilayah/cari/?q=: regions by name, optionally inside the region picked. Any input gives a
    page: a query the form refuses is not run (the page says why)."""
    form = RegionSearchForm(request.GET)
    valid = form.is_valid()
    q = form.cleaned_data.get("q", "") if valid else ""
    within = form.cleaned_data.get("region") if valid else None
    results = selectors.regions_search(query=q, within=within) if q else None
    return render(
        request,
        "regions/search.html",
        {"form": form, "q": q, "within": within, "results": results},
    )


@require_GET
def region_detail(request: HttpRequest, code: str) -> HttpResponse:
    """/wilayah/<code>/: a region, its parents and what lies inside it. A code given as digits
    only (/wilayah/7371/) redirects to its dotted address."""
    try:
        region = selectors.region_get(code=code)
    except selectors.RegionCodeInvalid:
        region = None
    if region is None:
        raise Http404
    if region.code != code:
        return redirect("regions:detail", code=region.code, permanent=True)
    below = RegionLevel(region.level + 1) if region.level < RegionLevel.VILLAGE else None
    children = list(selectors.region_children(region=region))
    needs = needs_public(region=region.code)
    offers = offers_public(region=region.code)
    campaigns = campaigns_in_region(code=region.code)
    info = info_public(region=region.code)
    counts = (
        open_needs_by_child(region_code=region.code, child_code_length=len(children[0].code))
        if children
        else {}
    )
    return render(
        request,
        "regions/detail.html",
        {
            "region": region,
            "parents": selectors.region_parents(region=region),
            "children": [(child, counts.get(child.code, 0)) for child in children],
            "children_label": below.label if below else "",
            "needs": needs[:SECTION_SIZE],
            "needs_count": needs.count(),
            "offers": offers[:SECTION_SIZE],
            "offers_count": offers.count(),
            "campaigns": campaigns[:SECTION_SIZE],
            "info": info[:SECTION_SIZE],
            "info_count": info.count(),
            "campaigns_count": campaigns.count(),
            "charts": flow_charts(region_code=region.code),
            "min_donations": MIN_DONATIONS,
        },
    )


@require_GET
def region_text(request: HttpRequest, code: str) -> HttpResponse:
    """/wilayah/<code>/teks/: every open need of the region as plain text, to paste into a
    WhatsApp group (the desa of each, never its RT/RW)."""
    try:
        region = selectors.region_get(code=code)
    except selectors.RegionCodeInvalid:
        region = None
    if region is None or region.code != code:
        raise Http404
    needs = needs_public(region=region.code)[:TEXT_LIMIT]
    return HttpResponse(
        regional_text(region=region, needs=list(needs)), content_type="text/plain; charset=utf-8"
    )


@require_GET
def region_picker(request: HttpRequest) -> HttpResponse:
    """/wilayah/pilih/: the picker's selects for the choices in the query string, for htmx
    (`RegionPickerMixin.region_picker_vals` says what comes with them)."""
    required = request.GET.get("wajib", "")
    prefix = request.GET.get("awalan", "")
    form = RegionPickerForm(
        request.GET,
        prefix=prefix if _PREFIX.fullmatch(prefix) else None,
        required_level=int(required) if required in ("1", "2", "3", "4") else None,
    )
    return render(request, "regions/_picker_levels.html", {"form": form})
