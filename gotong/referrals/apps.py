from django.apps import AppConfig


class ReferralsConfig(AppConfig):
    name = "gotong.referrals"
    label = "referrals"
    verbose_name = "Referrals (personal fundraiser links)"
