from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from gotong.opendata import datasets, package
from gotong.opendata.selectors import open_data_file

_TYPES = {"csv": "text/csv; charset=utf-8", "json": "application/json"}


@require_GET
def data_index(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "opendata/index.html",
        {
            "datasets": package.DATASETS.values(),
            "min_donations": datasets.MIN_DONATIONS,
            "licence": package.LICENCE,
            "head": datasets.log_head(),
            "package_file": "datapackage.json",
            "stats_example": "/api/v1/stats/flows?by=month",
            "in_kind_example": "/api/v1/stats/in-kind?by=item",
        },
    )


@require_GET
def data_file(request: HttpRequest, name: str) -> HttpResponse:
    body = open_data_file(name=name)
    if body is None:
        raise Http404
    response = HttpResponse(body, content_type=_TYPES[name.rpartition(".")[2]])
    response["Access-Control-Allow-Origin"] = "*"
    return response
