from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from gotong.payments.sandbox.models import (
    SandboxNotificationDelivery,
    SandboxPayAccount,
    SandboxSubscription,
    SandboxTransaction,
)


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
    search_fields = ("order_id", "token", "transaction_id", "subscription__name")
    readonly_fields = ("token", "transaction_id", "created_at", "updated_at", "settled_at")
    inlines = [SandboxNotificationDeliveryInline]


@admin.register(SandboxNotificationDelivery)
class SandboxNotificationDeliveryAdmin(admin.ModelAdmin):
    list_display = ("created_at", "transaction", "url", "response_status")
    list_filter = ("response_status",)
    search_fields = ("transaction__order_id", "url")
    readonly_fields = ("transaction", "url", "payload", "response_status", "error", "created_at")


@admin.register(SandboxSubscription)
class SandboxSubscriptionAdmin(admin.ModelAdmin):
    list_display = ("name", "amount", "payment_type", "status", "next_execution_at")
    list_filter = ("status", "payment_type", "interval_unit")
    search_fields = ("name", "subscription_id")
    readonly_fields = ("subscription_id", "created_at", "updated_at")


@admin.register(SandboxPayAccount)
class SandboxPayAccountAdmin(admin.ModelAdmin):
    list_display = ("account_id", "account_status", "created_at", "expires_at")
    list_filter = ("account_status",)
    search_fields = ("account_id",)
    readonly_fields = ("account_id", "activation_token", "created_at", "updated_at")
