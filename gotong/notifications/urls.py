from django.urls import path

from gotong.notifications import inbox_views, views

app_name = "notifications"
urlpatterns = [
    path("berhenti-langganan/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("notifikasi/", inbox_views.inbox, name="inbox"),
    path("notifikasi/baca-semua/", inbox_views.inbox_mark_read, name="inbox-read"),
]
