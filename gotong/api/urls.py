from django.urls import URLPattern, URLResolver, path, re_path

from gotong.api import v1
from gotong.api.errors import method_not_allowed_as_json, unknown_address

# django-ninja answers a method an address has no operation for in plain text: each of its
# address views is wrapped so that 405 comes in the API's error shape too.
_patterns, _app_name, _namespace = v1.api.urls
_operations = [
    URLPattern(p.pattern, method_not_allowed_as_json(p.callback), p.default_args, p.name)
    for p in _patterns
    if isinstance(p, URLPattern)
]

# Any address under the API that no operation has, its root included (django-ninja's own
# answers there with the people's 404 page): a JSON 404.
urlpatterns: list[URLPattern | URLResolver] = [
    path("v1/", unknown_address),
    path("v1/", (_operations, _app_name, _namespace)),
    re_path(r"^v1/(?P<rest>.*)$", unknown_address),
]
