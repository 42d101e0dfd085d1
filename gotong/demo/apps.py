from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "gotong.demo"
    label = "demo"
