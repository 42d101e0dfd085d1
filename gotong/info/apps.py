from django.apps import AppConfig


class InfoConfig(AppConfig):
    name = "gotong.info"
    label = "info"
