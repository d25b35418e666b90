from django.contrib import admin

from .models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """The audit trail is written by services only: the admin reads it, never edits it."""

    list_display = ("at", "actor", "action", "object_type", "object_id")
    list_filter = ("action", "object_type")
    search_fields = ("action", "object_type", "object_id", "actor__email")
    list_select_related = ("actor",)
    date_hierarchy = "at"
    show_full_result_count = False

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class TransitionLogInline(admin.TabularInline):
    """A workflow object's history under it. The services write it with each transition; the
    admin shows it and never adds to it. A concrete inline names its `model`."""

    extra = 0
    can_delete = False
    readonly_fields = ["name", "source", "target", "at", "by", "reason", "details"]

    def has_add_permission(self, request, obj=None):
        return False


class TransitionLogAdmin(admin.ModelAdmin):
    """A workflow's log on its own page: searched and read, never changed by hand. A concrete
    admin names its columns (the object first) and what is searched."""

    list_filter = ["name", "target"]

    def has_change_permission(self, request, obj=None):
        return False
