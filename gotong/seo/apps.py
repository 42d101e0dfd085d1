from django.apps import AppConfig


class SeoConfig(AppConfig):
    name = "gotong.seo"
    label = "seo"
    verbose_name = "SEO and sharing"
