from django.apps import AppConfig


class VerificationConfig(AppConfig):
    name = "gotong.verification"
    label = "verification"
