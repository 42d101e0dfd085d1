from django.apps import AppConfig


class TransparencyConfig(AppConfig):
    name = "gotong.transparency"
    label = "transparency"
    verbose_name = "Transparency log"

    def ready(self) -> None:
        from gotong.payments.signals import donation_settled
        from gotong.transparency.tasks import log_seal_request

        donation_settled.connect(log_seal_request, dispatch_uid="transparency.seal-on-settlement")
