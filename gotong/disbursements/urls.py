from django.urls import path

from gotong.disbursements import views

app_name = "disbursements"
urlpatterns = [
    path("galang-dana/<slug:slug>/pencairan/", views.campaign_disbursements, name="campaign"),
    path(
        "galang-dana/<slug:slug>/pencairan/<int:pk>/laporan/",
        views.usage_report,
        name="usage-report",
    ),
    path(
        "kampanye/<slug:slug>/bukti/<int:pk>-kecil.jpg",
        views.receipt_thumbnail,
        name="receipt-thumb",
    ),
    path("staf/pencairan/", views.finance_queue, name="finance-queue"),
    path("staf/pencairan/<int:pk>/", views.finance_detail, name="finance-detail"),
]
