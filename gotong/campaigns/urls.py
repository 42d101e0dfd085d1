from django.urls import path

from gotong.campaigns import views

app_name = "campaigns"
urlpatterns = [
    path("", views.home, name="home"),
    path("kampanye/", views.campaign_list, name="list"),
    path("kampanye/<slug:slug>/", views.campaign_detail, name="detail"),
    path("kampanye/<slug:slug>/progres/", views.campaign_progress, name="progress"),
    path("galang-dana/baru/", views.campaign_create, name="create"),
    path("galang-dana/<slug:slug>/ubah/", views.campaign_edit, name="edit"),
    path("galang-dana/<slug:slug>/ajukan/", views.campaign_submit, name="submit"),
    path("dasbor/", views.dashboard, name="dashboard"),
    path("staf/tinjauan/", views.review_queue, name="review-queue"),
    path("staf/tinjauan/<slug:slug>/", views.review_detail, name="review"),
]
