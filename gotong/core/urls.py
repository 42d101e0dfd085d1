from django.urls import path

from gotong.core import health, metrics, views

# At the root, outside the language prefixes: browsers ask for these without reading a page.
app_name = "core"
urlpatterns = [
    path("favicon.ico", views.favicon, name="favicon"),
    path("manifest.webmanifest", views.web_manifest, name="manifest"),
    # Probes and metrics for operators (gotong.core.health, gotong.core.metrics).
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    path("metrics", metrics.metrics, name="metrics"),
]
