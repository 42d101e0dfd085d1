from django.urls import path

from gotong.ledger import views

app_name = "ledger"
urlpatterns = [
    path("kampanye/<slug:slug>/buku-besar/", views.campaign_ledger, name="campaign"),
    path("kampanye/<slug:slug>/buku-besar.csv", views.campaign_ledger_csv, name="campaign-csv"),
    path("kampanye/<slug:slug>/buku-besar.json", views.campaign_ledger_json, name="campaign-json"),
    path("transparansi/", views.transparency, name="transparency"),
]
