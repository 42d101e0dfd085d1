from django.contrib import admin

from gotong.core.admin import ReadOnlyAdmin
from gotong.referrals.models import ReferralCode


@admin.register(ReferralCode)
class ReferralCodeAdmin(ReadOnlyAdmin):
    list_display = ("code", "user", "created_at")
    search_fields = ("code", "user__email", "user__display_name")
