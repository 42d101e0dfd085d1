from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "gotong.search"
    label = "search"
