from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path, re_path

from gotong.core.views import media_file

# Machine endpoints: one address each, never a language prefix (gateway callbacks, the
# transparency log's JSON, the API, crawler files, admin, the sandbox, media).
urlpatterns: list[URLPattern | URLResolver] = [
    path("payments/", include("gotong.payments.urls")),
    path("transparency/", include("gotong.transparency.urls")),
    path("api/", include("gotong.api.urls")),
    path("", include("gotong.seo.crawler_urls")),
    path("", include("gotong.core.urls")),
    path("admin/", admin.site.urls),
]

if settings.SANDBOX_ENABLED:
    urlpatterns.append(path("sandbox/midtrans/", include("gotong.payments.sandbox.urls")))

if settings.SERVE_MEDIA:
    urlpatterns.append(re_path(r"^media/(?P<path>.+)$", media_file, name="media"))

# People's pages: Indonesian at the root, English under /en/ (decision 15). The language comes
# from the path alone: an unprefixed page is Indonesian whatever the browser asks for.
urlpatterns += i18n_patterns(
    path("", include("gotong.campaigns.urls")),
    path("", include("gotong.donations.urls")),
    path("", include("gotong.ledger.urls")),
    path("", include("gotong.disbursements.urls")),
    path("", include("gotong.updates.urls")),
    path("", include("gotong.verification.urls")),
    path("", include("gotong.moderation.urls")),
    path("", include("gotong.receipts.urls")),
    path("", include("gotong.notifications.urls")),
    path("", include("gotong.search.urls")),
    path("", include("gotong.seo.urls")),
    path("", include("gotong.referrals.urls")),
    path("", include("gotong.recurring.urls")),
    path("", include("gotong.banktransfer.urls")),
    path("", include("gotong.inkind.urls")),
    path("", include("gotong.regions.urls")),
    path("", include("gotong.info.urls")),
    path("", include("gotong.history.urls")),
    path("", include("gotong.pages.urls")),
    path("", include("gotong.opendata.urls")),
    path("akun/token-api/", include("gotong.accounts.urls")),
    path("akun/", include("allauth.urls")),
    prefix_default_language=False,
)
