from django.contrib import admin

from lanterne.core.admin import TransitionLogAdmin, TransitionLogInline

from .models import (
    BudgetLine,
    Dossier,
    DossierDocument,
    DossierMessage,
    DossierNote,
    DossierReminder,
    DossierTransition,
    Partner,
    PlannedAction,
)


class TransitionInline(TransitionLogInline):
    model = DossierTransition


@admin.register(Dossier)
class DossierAdmin(admin.ModelAdmin):
    """Read-mostly: the state moves only through the services (and their log)."""

    list_display = ["reference", "title", "applicant", "call", "state", "submitted_at"]
    list_filter = ["state", "call__year", "call__region"]
    search_fields = ["reference", "title", "applicant__name"]
    raw_id_fields = ["call", "applicant", "previous_dossier", "created_by", "last_edited_by"]
    readonly_fields = [
        "state",
        "reference",
        "submitted_at",
        "fingerprint",
        "submitted_content",
        "granted_amount",
        "decided_at",
        "extended_until",
    ]
    filter_horizontal = []
    autocomplete_fields = ["communes", "qpvs"]
    inlines = [TransitionInline]


@admin.register(DossierTransition)
class DossierTransitionAdmin(TransitionLogAdmin):
    list_display = ["dossier", "name", "source", "target", "at", "by"]
    search_fields = ["dossier__reference", "by__email", "reason"]
    raw_id_fields = ["dossier", "by"]


@admin.register(DossierReminder)
class DossierReminderAdmin(admin.ModelAdmin):
    list_display = ["dossier", "days_before", "sent_at"]
    list_filter = ["days_before"]
    search_fields = ["dossier__reference"]
    raw_id_fields = ["dossier"]


# Communes, structures and accounts are tens of thousands of rows: searched, never listed.
for model, fields, search, autocomplete, raw_ids in (
    (
        Partner,
        ["name", "role", "dossier"],
        ["name", "dossier__reference"],
        ["structure", "commune"],
        [],
    ),
    (
        PlannedAction,
        ["title", "action_type", "dossier"],
        ["title", "dossier__reference"],
        ["commune"],
        [],
    ),
    (BudgetLine, ["label", "side", "amount", "dossier"], ["label", "dossier__reference"], [], []),
    (
        DossierDocument,
        ["original_name", "kind", "dossier"],
        ["original_name", "dossier__reference"],
        [],
        ["uploaded_by"],
    ),
    (
        DossierNote,
        ["dossier", "author", "created_at"],
        ["body", "dossier__reference"],
        [],
        ["author"],
    ),
    (
        DossierMessage,
        ["dossier", "author", "created_at"],
        ["body", "dossier__reference"],
        [],
        ["author"],
    ),
):
    admin.site.register(
        model,
        list_display=fields,
        list_filter=[fields[1]],
        search_fields=search,
        autocomplete_fields=autocomplete,
        raw_id_fields=["dossier", *raw_ids],
    )
