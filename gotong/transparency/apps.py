from django.apps import AppConfig


class TransparencyConfig(AppConfig):
    name = "gotong.transparency"
    label = "transparency"
    verbose_name = "Transparency log"
