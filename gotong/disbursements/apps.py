from django.apps import AppConfig


class DisbursementsConfig(AppConfig):
    name = "gotong.disbursements"
    label = "disbursements"
