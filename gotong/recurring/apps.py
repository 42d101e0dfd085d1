from django.apps import AppConfig


class RecurringConfig(AppConfig):
    name = "gotong.recurring"
    label = "recurring"
    verbose_name = "Recurring giving (donasi rutin)"

    def ready(self) -> None:
        from gotong.payments.signals import donation_settled, subscription_charge_reported
        from gotong.payments.subscriptions import charge_resolver_register
        from gotong.recurring.charges import charge_reported_receive, plan_charge_resolve
        from gotong.recurring.services import period_settled_receive

        donation_settled.connect(period_settled_receive, dispatch_uid="recurring.period-paid")
        subscription_charge_reported.connect(
            charge_reported_receive, dispatch_uid="recurring.charge-reported"
        )
        # Each SUBS- charge of one of our subscriptions becomes a donation of its plan.
        charge_resolver_register(plan_charge_resolve)
