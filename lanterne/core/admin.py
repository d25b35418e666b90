from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .audit import action_label
from .models import AuditEvent, OutboxMessage, WorkerHeartbeat
from .outbox import retry_failed
from .tasks import enqueue_delivery


class ActionFilter(admin.SimpleListFilter):
    """The actions found on the trail, offered in words (in the admin's language)."""

    title = _("action")
    parameter_name = "action"

    def lookups(self, request, model_admin):
        actions = AuditEvent.objects.order_by().values_list("action", flat=True).distinct()
        return sorted(((action, action_label(action)) for action in actions), key=lambda c: c[1])

    def queryset(self, request, queryset):
        return queryset.filter(action=self.value()) if self.value() else queryset


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """The audit trail is written by services, sensitive reads and the admin's own changes:
    the admin reads it, never edits it."""

    list_display = ("at", "actor", "action_words", "object_type", "object_id")
    list_filter = (ActionFilter, "object_type")
    readonly_fields = ("at", "actor", "action", "object_type", "object_id", "details")
    search_fields = ("action", "object_type", "object_id", "actor__email")
    list_select_related = ("actor",)
    date_hierarchy = "at"
    show_full_result_count = False

    @admin.display(description=_("action"), ordering="action")
    def action_words(self, event):
        return event.action_label

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


@admin.register(OutboxMessage)
class OutboxMessageAdmin(admin.ModelAdmin):
    """The outbox as the workers see it: what waits, what went out, what failed and why. Rows
    are written by `notify` only; the one change an admin makes is to send failed ones again."""

    list_display = (
        "created_at",
        "to",
        "subject",
        "state",
        "attempts",
        "next_attempt_at",
        "sent_at",
    )
    list_filter = ("state", ("created_at", admin.DateFieldListFilter))
    search_fields = ("to", "subject", "key")
    date_hierarchy = "created_at"
    show_full_result_count = False
    readonly_fields = [f.name for f in OutboxMessage._meta.fields]
    actions = ["retry"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(description=_("Renvoyer les courriels en échec sélectionnés"))
    def retry(self, request, queryset):
        count = retry_failed(queryset)
        if count:
            enqueue_delivery()
        self.message_user(
            request,
            ngettext(
                "%(count)d courriel remis en file d'envoi.",
                "%(count)d courriels remis en file d'envoi.",
                count,
            )
            % {"count": count},
        )


@admin.register(WorkerHeartbeat)
class WorkerHeartbeatAdmin(admin.ModelAdmin):
    """Which task workers ran the heartbeat, and when: written by the heartbeat task only."""

    list_display = ("worker_id", "seen_at")
    search_fields = ("worker_id",)
    ordering = ("-seen_at",)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
