from django.urls import path

from gotong.seo import views

app_name = "seo"
urlpatterns = [
    path("kampanye/<slug:slug>/og.jpg", views.og_image, name="og-image"),
    path("sitemap.xml", views.sitemap, name="sitemap"),
    path("robots.txt", views.robots_txt, name="robots"),
]
