from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from gotong.core.admin import ReadOnlyAdmin
from gotong.ledger.models import JournalEntry, LedgerAccount, Posting


class PostingInline(admin.TabularInline):
    model = Posting
    extra = 0
    can_delete = False
    readonly_fields = ("account", "amount")

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(JournalEntry)
class JournalEntryAdmin(ReadOnlyAdmin):
    list_display = ("id", "created_at", "kind", "memo", "campaign")
    list_filter = ("kind",)
    inlines = (PostingInline,)


@admin.register(LedgerAccount)
class LedgerAccountAdmin(ReadOnlyAdmin):
    list_display = ("code", "name", "kind", "balance")
    search_fields = ("code", "name")
