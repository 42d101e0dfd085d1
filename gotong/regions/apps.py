from django.apps import AppConfig


class RegionsConfig(AppConfig):
    name = "gotong.regions"
    label = "regions"
