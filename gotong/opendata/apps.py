from django.apps import AppConfig


class OpendataConfig(AppConfig):
    name = "gotong.opendata"
    label = "opendata"
