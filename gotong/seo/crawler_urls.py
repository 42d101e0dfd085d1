from django.urls import path

from gotong.seo import views

# One address each, outside the language prefixes: the sitemap lists both languages itself.
app_name = "crawlers"
urlpatterns = [
    path("sitemap.xml", views.sitemap, name="sitemap"),
    path("robots.txt", views.robots_txt, name="robots"),
]
