from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "gotong.accounts"
    label = "accounts"
