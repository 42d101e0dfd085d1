from django.apps import AppConfig


class UpdatesConfig(AppConfig):
    name = "gotong.updates"
    label = "updates"
