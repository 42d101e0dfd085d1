"""All of Gotong's URLs, plus `/__bench/trivial`: a plain HttpResponse through the same
middleware stack, as a baseline for what Django itself costs per request."""

from django.http import HttpRequest, HttpResponse
from django.urls import include, path


def trivial(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok")


urlpatterns = [
    path("__bench/trivial", trivial),
    path("", include("config.urls")),
]
