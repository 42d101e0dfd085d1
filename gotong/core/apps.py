from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "gotong.core"
    label = "core"
