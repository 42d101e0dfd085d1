from django.urls import path

from gotong.payments import views

app_name = "payments"
urlpatterns = [
    path("<slug:gateway>/notification", views.notification, name="notification"),
]
