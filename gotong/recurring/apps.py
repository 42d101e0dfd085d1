from django.apps import AppConfig


class RecurringConfig(AppConfig):
    name = "gotong.recurring"
    label = "recurring"
    verbose_name = "Recurring giving (donasi rutin)"

    def ready(self) -> None:
        from gotong.payments.signals import donation_settled
        from gotong.recurring.services import period_settled_receive

        donation_settled.connect(period_settled_receive, dispatch_uid="recurring.period-paid")
