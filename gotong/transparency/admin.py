from django.contrib import admin

from gotong.core.admin import ReadOnlyAdmin
from gotong.transparency.models import LogLeaf, TreeHead


@admin.register(LogLeaf)
class LogLeafAdmin(ReadOnlyAdmin):
    list_display = ("leaf_index", "entry", "pledge")
    list_select_related = ("entry", "pledge")
    exclude = ("leaf", "leaf_hash")


@admin.register(TreeHead)
class TreeHeadAdmin(ReadOnlyAdmin):
    list_display = ("id", "tree_size", "root_hash", "timestamp", "created_at")
