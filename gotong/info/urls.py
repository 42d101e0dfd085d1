from django.urls import path

from gotong.info import link_views, report_views, views

app_name = "info"

urlpatterns = [
    path("info/", views.info_list, name="list"),
    path("info/baru/", views.info_new, name="new"),
    path("info/<int:pk>/", views.info_detail, name="detail"),
    path("info/<int:pk>/tanggapan/", views.info_vote, name="vote"),
    path("info/<int:pk>/putusan/", views.info_verdict, name="verdict"),
    path("info/<int:pk>/masih-berlaku/", views.info_renew, name="renew"),
    path("info/<int:pk>/masih-berlaku/<str:token>/", views.info_renew_link, name="renew-link"),
    path("info/<int:pk>/ubah/", views.info_edit, name="edit"),
    path("info/<int:pk>/laporkan/", report_views.info_report, name="report"),
    path("kampanye/<slug:slug>/info-terkait/", link_views.campaign_link, name="link-campaign"),
    path("kebutuhan/<int:pk>/info-terkait/", link_views.need_link, name="link-need"),
    path("info-terkait/<int:pk>/hapus/", link_views.link_remove, name="link-remove"),
    path("staf/info/", views.verifier_queue, name="queue"),
    path("staf/info/laporan/<int:pk>/", report_views.info_report_decide, name="report-decide"),
]
