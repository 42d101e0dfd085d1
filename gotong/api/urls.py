from django.urls import URLPattern, URLResolver, path, re_path

from gotong.api import v1
from gotong.api.errors import unknown_address

# Any address under the API that no operation has, its root included (django-ninja's own
# answers there with the people's 404 page): a JSON 404.
urlpatterns: list[URLPattern | URLResolver] = [
    path("v1/", unknown_address),
    path("v1/", v1.api.urls),
    re_path(r"^v1/(?P<rest>.*)$", unknown_address),
]
