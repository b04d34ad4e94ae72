"""The audit log in Django's admin: readable by whoever may read it, never editable."""

from django.contrib import admin

from kyoso.audit.models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = ("at", "action", "actor", "target_type", "target_label", "ip_address")
    list_filter = ("action", "target_type")
    search_fields = ("actor__email", "target_label", "target_id")
    list_select_related = ("actor",)
    date_hierarchy = "at"
    readonly_fields = (
        "at",
        "actor",
        "action",
        "target_type",
        "target_id",
        "target_label",
        "data",
        "ip_address",
    )
    show_full_result_count = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
