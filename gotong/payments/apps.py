from django.apps import AppConfig


class PaymentsConfig(AppConfig):
    name = "gotong.payments"
    label = "payments"
