from django.urls import path

from gotong.moderation import views

app_name = "moderation"
urlpatterns = [
    path("kampanye/<slug:slug>/laporkan/", views.report_create, name="report"),
    path("staf/laporan/", views.queue, name="queue"),
    path("staf/laporan/<slug:slug>/", views.campaign_reports, name="campaign"),
]
