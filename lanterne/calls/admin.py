from django.contrib import admin

from .models import (
    BudgetLine,
    Call,
    CallMilestone,
    CallRule,
    CommitteeSession,
    Dossier,
    DossierDocument,
    DossierMessage,
    DossierNote,
    DossierReminder,
    DossierTransition,
    Film,
    FilmList,
    Opinion,
    Partner,
    PlannedAction,
    RequiredDocument,
)


class MilestoneInline(admin.TabularInline):
    model = CallMilestone
    extra = 0


class RuleInline(admin.TabularInline):
    model = CallRule
    extra = 0


class RequiredDocumentInline(admin.TabularInline):
    model = RequiredDocument
    extra = 0


@admin.register(Call)
class CallAdmin(admin.ModelAdmin):
    list_display = ["title", "year", "region", "coordination", "is_published"]
    list_filter = ["year", "region", "is_published"]
    search_fields = ["title", "slug", "coordination__name"]
    autocomplete_fields = ["coordination"]
    raw_id_fields = ["copied_from"]
    inlines = [MilestoneInline, RuleInline, RequiredDocumentInline]


class FilmInline(admin.TabularInline):
    model = Film
    extra = 0


@admin.register(FilmList)
class FilmListAdmin(admin.ModelAdmin):
    list_display = ["call", "kind"]
    list_filter = ["kind", "call__year"]
    search_fields = ["call__title", "films__title"]
    inlines = [FilmInline]


@admin.register(Film)
class FilmAdmin(admin.ModelAdmin):
    list_display = ["title", "director", "year", "film_list"]
    list_filter = ["film_list__kind"]
    search_fields = ["title", "director"]


class TransitionInline(admin.TabularInline):
    model = DossierTransition
    extra = 0
    can_delete = False
    readonly_fields = ["name", "source", "target", "at", "by", "reason", "details"]

    def has_add_permission(self, request, obj=None):
        return False


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
class DossierTransitionAdmin(admin.ModelAdmin):
    list_display = ["dossier", "name", "source", "target", "at", "by"]
    list_filter = ["name", "target"]
    search_fields = ["dossier__reference", "by__email", "reason"]
    raw_id_fields = ["dossier", "by"]

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(CallMilestone)
class CallMilestoneAdmin(admin.ModelAdmin):
    list_display = ["call", "kind", "starts_at", "ends_at"]
    list_filter = ["kind", "call__year"]
    search_fields = ["call__title", "note"]
    raw_id_fields = ["call"]


@admin.register(CallRule)
class CallRuleAdmin(admin.ModelAdmin):
    list_display = ["call", "code", "is_blocking"]
    list_filter = ["code", "is_blocking"]
    search_fields = ["call__title", "code"]
    raw_id_fields = ["call"]


@admin.register(RequiredDocument)
class RequiredDocumentAdmin(admin.ModelAdmin):
    list_display = ["call", "kind", "label", "returning_only"]
    list_filter = ["kind", "returning_only"]
    search_fields = ["call__title", "label"]
    raw_id_fields = ["call"]


@admin.register(DossierReminder)
class DossierReminderAdmin(admin.ModelAdmin):
    list_display = ["dossier", "days_before", "sent_at"]
    list_filter = ["days_before"]
    search_fields = ["dossier__reference"]
    raw_id_fields = ["dossier"]


for model, fields, search in (
    (Partner, ["name", "role", "dossier"], ["name", "dossier__reference"]),
    (PlannedAction, ["title", "action_type", "dossier"], ["title", "dossier__reference"]),
    (BudgetLine, ["label", "side", "amount", "dossier"], ["label", "dossier__reference"]),
    (
        DossierDocument,
        ["original_name", "kind", "dossier"],
        ["original_name", "dossier__reference"],
    ),
    (DossierNote, ["dossier", "author", "created_at"], ["body", "dossier__reference"]),
    (DossierMessage, ["dossier", "author", "created_at"], ["body", "dossier__reference"]),
):
    admin.site.register(
        model,
        type(
            f"{model.__name__}Admin",
            (admin.ModelAdmin,),
            {
                "list_display": fields,
                "list_filter": [fields[1]],
                "search_fields": search,
                "raw_id_fields": ["dossier"],
            },
        ),
    )


@admin.register(CommitteeSession)
class CommitteeSessionAdmin(admin.ModelAdmin):
    list_display = ["title", "call", "meets_at", "is_closed"]
    list_filter = ["is_closed", "call__year"]
    search_fields = ["title", "call__title"]
    raw_id_fields = ["call"]
    filter_horizontal = ["members", "dossiers"]


@admin.register(Opinion)
class OpinionAdmin(admin.ModelAdmin):
    list_display = ["dossier", "member", "verdict", "proposed_amount", "given_at"]
    list_filter = ["verdict"]
    search_fields = ["dossier__reference", "member__email"]
    raw_id_fields = ["session", "dossier", "member"]
