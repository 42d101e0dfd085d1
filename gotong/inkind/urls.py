from django.urls import path

from gotong.inkind import views

app_name = "inkind"

urlpatterns = [
    path("kebutuhan/", views.need_list, name="needs"),
    path("kebutuhan/<int:pk>/", views.need_detail, name="need"),
    path("kebutuhan/<int:pk>/janji/", views.need_pledge, name="pledge"),
]
