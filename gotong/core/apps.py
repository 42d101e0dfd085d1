from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "gotong.core"
    label = "core"

    def ready(self) -> None:
        from gotong.core import checks  # noqa: F401  (registers the system checks)
