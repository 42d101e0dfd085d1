from django.urls import path

from gotong.info import views

app_name = "info"

urlpatterns = [
    path("info/", views.info_list, name="list"),
    path("info/<int:pk>/", views.info_detail, name="detail"),
]
