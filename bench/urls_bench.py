"""All of Gotong's URLs, plus `/__bench/trivial`: a plain HttpResponse through the same
middleware stack, as a baseline for what Django itself costs per request.

The app's patterns are copied in, not `include()`d: config.urls ends with `i18n_patterns`
(Indonesian at the root, English under /en/), and Django allows those only in the root
URLconf (an `include()` of them raises ImproperlyConfigured)."""

from django.http import HttpRequest, HttpResponse
from django.urls import URLPattern, URLResolver, path

from config.urls import urlpatterns as app_urlpatterns


def trivial(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok")


urlpatterns: list[URLPattern | URLResolver] = [
    path("__bench/trivial", trivial),
    *app_urlpatterns,
]
