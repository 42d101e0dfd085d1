"""JSON API v1 (django-ninja): the API object, its error answers and its routers. Schema at
/api/v1/openapi.json, docs at /api/v1/docs.

Operation ids are fixed in each route (those of campaigns and donations still name the module
every handler once lived in, gotong/api/urls.py): clients generated from the schema call them by
these names."""

from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import ValidationError

from gotong.api import campaigns, donations, info, needs, regions

api = NinjaAPI(
    title="Gotong API",
    version="1",
    description=(
        "Kampanye, donasi, dan status pembayaran; wilayah administratif Indonesia (kode "
        "Kemendagri). Nominal dalam rupiah bulat."
    ),
    urls_namespace="api",
)
api.add_router("", campaigns.router)
api.add_router("", donations.router)
api.add_router("", needs.router)
api.add_router("", regions.router)
api.add_router("", info.router)


@api.exception_handler(ValidationError)
def _invalid_request(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    """422 `{"detail": ..., "errors": {field: [messages]}}`, for the schema's checks and the
    handlers' own (which raise ninja's ValidationError with the field as `loc`)."""
    errors: dict[str, list[str]] = {}
    for error in exc.errors:
        loc = [
            str(part) for part in error.get("loc", []) if part not in ("body", "payload", "query")
        ]
        errors.setdefault(".".join(loc) or "__all__", []).append(
            str(error.get("msg", "tidak valid"))
        )
    return api.create_response(
        request, {"detail": "Data tidak valid.", "errors": errors}, status=422
    )
