from django.urls import path

from gotong.updates import views

app_name = "updates"
urlpatterns = [
    path("galang-dana/<slug:slug>/kabar/", views.update_create, name="create"),
]
