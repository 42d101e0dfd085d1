from django.urls import path

from gotong.campaigns import views
from gotong.campaigns.selectors import campaign_page_version, listing_version
from gotong.core.pagecache import anonymous_page_cache

# Anonymous visitors get these from the page cache (gotong/core/pagecache.py).
listing_cache = anonymous_page_cache(validator=listing_version, params=("kategori", "halaman"))
campaign_cache = anonymous_page_cache(validator=campaign_page_version)

app_name = "campaigns"
urlpatterns = [
    path("", listing_cache(views.home), name="home"),
    path("kampanye/", listing_cache(views.campaign_list), name="list"),
    path("kampanye/<slug:slug>/", campaign_cache(views.campaign_detail), name="detail"),
    path("kampanye/<slug:slug>/progres/", views.campaign_progress, name="progress"),
    path("kampanye/<slug:slug>/sampul-<int:width>.<str:fmt>", views.campaign_cover, name="cover"),
    path("galang-dana/baru/", views.campaign_create, name="create"),
    path("galang-dana/<slug:slug>/ubah/", views.campaign_edit, name="edit"),
    path("galang-dana/<slug:slug>/ajukan/", views.campaign_submit, name="submit"),
    path("dasbor/", views.dashboard, name="dashboard"),
    path("staf/tinjauan/", views.review_queue, name="review-queue"),
    path("staf/tinjauan/<slug:slug>/", views.review_detail, name="review"),
]
