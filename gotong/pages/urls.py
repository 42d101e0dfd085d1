from django.urls import path

from gotong.pages import views

app_name = "pages"
urlpatterns = [
    path("tentang/", views.page, {"template": "about"}, name="about"),
    path("bantuan/", views.page, {"template": "help"}, name="help"),
    path("syarat/", views.page, {"template": "terms"}, name="terms"),
    path("privasi/", views.page, {"template": "privacy"}, name="privacy"),
    path("kontak/", views.page, {"template": "contact"}, name="contact"),
]
