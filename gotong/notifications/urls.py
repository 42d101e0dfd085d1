from django.urls import path

from gotong.notifications import views

app_name = "notifications"
urlpatterns = [
    path("berhenti-langganan/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
