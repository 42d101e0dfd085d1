from django.urls import path

from gotong.verification import views

app_name = "verification"
urlpatterns = [
    path("verifikasi/", views.submit, name="submit"),
    path("staf/verifikasi/", views.queue, name="queue"),
    path("staf/verifikasi/<int:pk>/", views.detail, name="detail"),
    path("staf/verifikasi/<int:pk>/<str:which>", views.document, name="document"),
]
