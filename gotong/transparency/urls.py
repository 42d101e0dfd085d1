from django.urls import path

from gotong.transparency import views

app_name = "transparency"
urlpatterns = [
    path("log/head", views.head, name="head"),
    path("log/entries", views.entries, name="entries"),
    path("log/proof/inclusion", views.inclusion_proof, name="inclusion-proof"),
    path("log/proof/consistency", views.consistency_proof, name="consistency-proof"),
    path("log/delivery", views.delivery, name="delivery"),
    path("log/info", views.info_history, name="info"),
    path("verify_log.py", views.verifier, name="verifier"),
]
