from django.contrib import admin

from gotong.core.admin import ReadOnlyAdmin
from gotong.disbursements.models import Disbursement


@admin.register(Disbursement)
class DisbursementAdmin(ReadOnlyAdmin):
    list_display = ("id", "campaign", "amount", "status", "created_at", "paid_at")
    list_filter = ("status",)
