"""The audit log in Django's admin: readable by whoever may read it, never editable."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from kyoso.audit import registry
from kyoso.audit.models import AuditEvent


class ActionFilter(admin.SimpleListFilter):
    """The actions with their labels, the registered ones included."""

    title = _("操作")
    parameter_name = "action"

    def lookups(self, request, model_admin):  # type: ignore[no-untyped-def]
        return registry.choices()

    def queryset(self, request, queryset):  # type: ignore[no-untyped-def]
        return queryset.filter(action=self.value()) if self.value() else queryset


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = ("at", "action_label", "actor", "target_type", "target_label", "ip_address")
    list_filter = (ActionFilter, "target_type")
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

    @admin.display(description=_("操作"), ordering="action")
    def action_label(self, event: AuditEvent) -> str:
        return event.get_action_display()

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
