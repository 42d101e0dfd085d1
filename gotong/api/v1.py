"""JSON API v1 (django-ninja): the API object, its error answers (gotong/api/errors.py) and its
routers. Schema at /api/v1/openapi.json, docs at /api/v1/docs (Swagger UI served from our own
static files: `ninja` is an installed app). Swagger UI's stylesheet draws its icons from data:
URLs, so its page alone also allows data: images (decision 29).

Operation ids are fixed in each route (those of campaigns and donations still name the module
every handler once lived in, gotong/api/urls.py): clients generated from the schema call them by
these names."""

from csp.decorators import csp_update
from ninja import NinjaAPI

from gotong.api import campaigns, donations, info, needs, plans, regions, stats
from gotong.api.errors import errors_install

api = NinjaAPI(
    title="Gotong API",
    version="1",
    description=(
        "Kampanye, donasi, dan status pembayaran; wilayah administratif Indonesia (kode "
        "Kemendagri). Nominal dalam rupiah bulat."
    ),
    urls_namespace="api",
    docs_decorator=csp_update({"img-src": ["data:"]}),
)
api.add_router("", campaigns.router)
api.add_router("", donations.router)
api.add_router("", plans.router)
api.add_router("", needs.router)
api.add_router("", regions.router)
api.add_router("", info.router)
api.add_router("", stats.router)
errors_install(api)
