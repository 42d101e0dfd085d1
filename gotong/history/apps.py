from django.apps import AppConfig


class HistoryConfig(AppConfig):
    name = "gotong.history"
    label = "history"
    verbose_name = "Donasi saya (a donor's own donations)"
