from django.contrib import admin

from gotong.audit.models import AuditEntry
from gotong.core.admin import ReadOnlyAdmin


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin):
    list_display = ("created_at", "who", "action", "target_type", "target_id", "reason")
    list_filter = ("action", "target_type")
    list_select_related = ("actor",)

    @admin.display(description="actor", ordering="actor__email")
    def who(self, entry: AuditEntry) -> str:
        return entry.get_actor_display()
