from django.contrib import admin

from gotong.core.admin import ReadOnlyAdmin
from gotong.donations.models import Donation


@admin.register(Donation)
class DonationAdmin(ReadOnlyAdmin):
    list_display = ("order_id", "campaign", "amount", "status", "payment_type", "created_at")
    list_filter = ("status", "payment_type")
    search_fields = ("order_id", "email", "name")
