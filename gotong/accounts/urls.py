from django.urls import path

from gotong.accounts import views

app_name = "accounts"
urlpatterns = [
    path("", views.tokens, name="tokens"),
    path("<int:pk>/cabut/", views.token_revoke, name="token-revoke"),
]
