from django.contrib import admin

from gotong.campaigns.models import Campaign
from gotong.core.admin import ReadOnlyAdmin


@admin.register(Campaign)
class CampaignAdmin(ReadOnlyAdmin):
    list_display = ("title", "status", "category", "target", "collected", "donor_count", "deadline")
    list_filter = ("status", "category", "is_featured")
    search_fields = ("title", "slug", "owner__email")
