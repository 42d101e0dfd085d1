from django.urls import path

from gotong.referrals import views

app_name = "referrals"
urlpatterns = [
    path("kampanye/<slug:slug>/tautan-saya/", views.referral_link, name="link"),
]
