from django.contrib import admin

from gotong.core.admin import ReadOnlyAdmin
from gotong.payments.models import PaymentNotification


@admin.register(PaymentNotification)
class PaymentNotificationAdmin(ReadOnlyAdmin):
    list_display = ("received_at", "source", "order_id", "transaction_status", "outcome")
    list_filter = ("outcome", "source", "transaction_status")
    search_fields = ("order_id",)
