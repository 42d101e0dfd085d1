from django.urls import path

from gotong.info import views

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
    path("staf/info/", views.verifier_queue, name="queue"),
]
