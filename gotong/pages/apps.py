from django.apps import AppConfig


class PagesConfig(AppConfig):
    name = "gotong.pages"
    label = "pages"
    verbose_name = "Static pages (about, help, terms, privacy, contact)"
