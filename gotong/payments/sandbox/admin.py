from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from gotong.payments.sandbox.models import SandboxNotificationDelivery, SandboxTransaction


class SandboxNotificationDeliveryInline(admin.TabularInline):
    model = SandboxNotificationDelivery
    extra = 0
    can_delete = False
    fields = ("created_at", "url", "response_status", "error", "payload")
    readonly_fields = fields

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(SandboxTransaction)
class SandboxTransactionAdmin(admin.ModelAdmin):
    list_display = (
        "order_id",
        "gross_amount",
        "payment_type",
        "transaction_status",
        "created_at",
        "expires_at",
    )
    list_filter = ("transaction_status", "payment_type")
    search_fields = ("order_id", "token", "transaction_id")
    readonly_fields = ("token", "transaction_id", "created_at", "updated_at", "settled_at")
    inlines = [SandboxNotificationDeliveryInline]


@admin.register(SandboxNotificationDelivery)
class SandboxNotificationDeliveryAdmin(admin.ModelAdmin):
    list_display = ("created_at", "transaction", "url", "response_status")
    list_filter = ("response_status",)
    search_fields = ("transaction__order_id", "url")
    readonly_fields = ("transaction", "url", "payload", "response_status", "error", "created_at")
