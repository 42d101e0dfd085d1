from django.urls import path

from gotong.donations import views

app_name = "donations"
urlpatterns = [
    path("kampanye/<slug:slug>/donasi/", views.donate, name="donate"),
    path("donasi/<str:order_id>/", views.finish, name="finish"),
]
