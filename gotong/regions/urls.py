from django.urls import path, re_path

from gotong.regions import views

app_name = "regions"
urlpatterns = [
    path("wilayah/", views.regions_index, name="index"),
    path("wilayah/cari/", views.region_search, name="search"),
    path("wilayah/pilih/", views.region_picker, name="picker"),
    re_path(r"^wilayah/(?P<code>[0-9.]{2,13})/$", views.region_detail, name="detail"),
    re_path(r"^wilayah/(?P<code>[0-9.]{2,13})/teks/$", views.region_text, name="text"),
]
