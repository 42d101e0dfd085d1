from django.urls import path

from gotong.opendata import views

app_name = "opendata"
urlpatterns = [
    path("data/", views.data_index, name="index"),
    path("data/<str:name>", views.data_file, name="file"),
]
