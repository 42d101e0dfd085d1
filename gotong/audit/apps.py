from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "gotong.audit"
    label = "audit"
