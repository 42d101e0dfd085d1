from django.urls import URLPattern, URLResolver, path

from gotong.api import v1

urlpatterns: list[URLPattern | URLResolver] = [
    path("v1/", v1.api.urls),
]
