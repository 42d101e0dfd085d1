from django.urls import path

from gotong.inkind import offer_views, pledge_views, report_views, staff_views, views

app_name = "inkind"

urlpatterns = [
    path("kebutuhan/", views.need_list, name="needs"),
    path("kebutuhan/saya/", views.mine, name="mine"),
    path("kebutuhan/baru/", views.need_new, name="need-new"),
    path("kebutuhan/<int:pk>/", views.need_detail, name="need"),
    path("kebutuhan/<int:pk>/janji/", views.need_pledge, name="pledge"),
    path("kebutuhan/<int:pk>/ajukan/", views.need_submit, name="need-submit"),
    path("kebutuhan/<int:pk>/minta/", offer_views.need_ask_offer, name="ask-offer"),
    path("kebutuhan/<int:pk>/laporkan/", report_views.need_report, name="need-report"),
    path("tawaran/<int:pk>/laporkan/", report_views.offer_report, name="offer-report"),
    path("staf/laporan-bantuan/<int:pk>/", report_views.report_decide, name="report-decide"),
    path("tawaran/", offer_views.offer_list, name="offers"),
    path("tawaran/baru/", offer_views.offer_new, name="offer-new"),
    path("tawaran/<int:pk>/", offer_views.offer_detail, name="offer"),
    path("janji/<int:pk>/", pledge_views.pledge_detail, name="pledge-detail"),
    path("janji/<int:pk>/terima/", pledge_views.pledge_accept, name="pledge-accept"),
    path("janji/<int:pk>/tolak/", pledge_views.pledge_decline, name="pledge-decline"),
    path("janji/<int:pk>/batal/", pledge_views.pledge_withdraw, name="pledge-withdraw"),
    path("janji/<int:pk>/kirim/", pledge_views.pledge_deliver, name="pledge-deliver"),
    path("janji/<int:pk>/konfirmasi/", pledge_views.pledge_confirm, name="pledge-confirm"),
    path("janji/<int:pk>/persoalkan/", pledge_views.pledge_dispute, name="pledge-dispute"),
    path(
        "janji/<int:pk>/terima-barang/<str:token>/",
        pledge_views.pledge_confirm_link,
        name="pledge-confirm-link",
    ),
    path("staf/kebutuhan/", staff_views.queue, name="staff-queue"),
    path("staf/kebutuhan/<int:pk>/", staff_views.need_review, name="staff-need"),
    path("staf/janji/<int:pk>/", staff_views.dispute_decide, name="staff-dispute"),
]
