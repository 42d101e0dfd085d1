from django.apps import AppConfig


class ModerationConfig(AppConfig):
    name = "gotong.moderation"
    label = "moderation"
