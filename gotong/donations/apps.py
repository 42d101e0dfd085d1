from django.apps import AppConfig


class DonationsConfig(AppConfig):
    name = "gotong.donations"
    label = "donations"
