from django.urls import path

from gotong.donations import prayer_views, views

app_name = "donations"
urlpatterns = [
    path("kampanye/<slug:slug>/donasi/", views.donate, name="donate"),
    path("donasi/<str:order_id>/", views.finish, name="finish"),
    path("kampanye/<slug:slug>/doa/<int:pk>/aamiin/", prayer_views.amen, name="amen"),
]
