from django.apps import AppConfig


class CampaignsConfig(AppConfig):
    name = "gotong.campaigns"
    label = "campaigns"
