from django.apps import AppConfig


class SandboxConfig(AppConfig):
    name = "gotong.payments.sandbox"
    label = "payments_sandbox"
    verbose_name = "Midtrans sandbox"
