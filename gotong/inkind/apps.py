from django.apps import AppConfig


class InkindConfig(AppConfig):
    name = "gotong.inkind"
    label = "inkind"
