from django.urls import path

from gotong.seo import views

# The campaign card is drawn in the page's language: it sits with the pages (config/urls.py).
# Crawler files that have one address whatever the language are in `crawler_urls`.
app_name = "seo"
urlpatterns = [
    path("kampanye/<slug:slug>/og.jpg", views.og_image, name="og-image"),
    path("kebutuhan/<int:pk>/og.jpg", views.need_og_image, name="need-og-image"),
    path("info/<int:pk>/og.jpg", views.info_og_image, name="info-og-image"),
    path("info/<int:pk>/poster.pdf", views.info_poster, name="info-poster"),
]
