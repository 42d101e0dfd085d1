from django.urls import path

from gotong.core import views

# At the root, outside the language prefixes: browsers ask for these without reading a page.
app_name = "core"
urlpatterns = [
    path("favicon.ico", views.favicon, name="favicon"),
    path("manifest.webmanifest", views.web_manifest, name="manifest"),
]
