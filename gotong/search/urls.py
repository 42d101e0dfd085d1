from django.urls import path

from gotong.search import views

app_name = "search"
urlpatterns = [
    path("cari/", views.search_results, name="results"),
]
