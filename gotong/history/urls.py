from django.urls import path

from gotong.history import views

app_name = "history"
urlpatterns = [
    path("donasi-saya/", views.my_donations, name="mine"),
    path("donasi-saya/<str:token>/", views.by_link, name="link"),
]
