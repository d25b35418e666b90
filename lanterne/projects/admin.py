from django.contrib import admin

from lanterne.core.admin import TransitionLogAdmin, TransitionLogInline

from .models import (
    Action,
    ActionSession,
    ActionSpeaker,
    OpenAirAuthorisation,
    ParticipantCount,
    PriorityPublicCount,
    Project,
    RelayCount,
    Report,
    ReportExpense,
    ReportFigure,
    ReportTransition,
    WorkshopFilm,
)


@admin.register(Project)
class ProjectAdmin(admin.ModelAdmin):
    list_display = ["title", "applicant", "year", "call"]
    list_filter = ["year", "call__region"]
    search_fields = ["title", "applicant__name", "dossier__reference"]
    raw_id_fields = ["dossier", "call", "applicant"]
    list_select_related = ["applicant", "call"]


class SessionInline(admin.TabularInline):
    model = ActionSession
    extra = 0
    raw_id_fields = ["place_structure", "place_commune"]


@admin.register(Action)
class ActionAdmin(admin.ModelAdmin):
    list_display = ["title", "action_type", "project", "first_day"]
    list_filter = ["action_type", "typology", "project__year"]
    search_fields = ["title", "project__title", "speakers"]
    raw_id_fields = ["project", "planned", "commune", "film"]
    list_select_related = ["project"]
    inlines = [SessionInline]


class ReportTransitionInline(TransitionLogInline):
    model = ReportTransition


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    list_display = ["project", "state", "due_at", "submitted_at"]
    list_filter = ["state", "project__year"]
    search_fields = ["project__title", "project__applicant__name"]
    raw_id_fields = ["project"]
    readonly_fields = ["state", "submitted_at"]
    list_select_related = ["project"]
    inlines = [ReportTransitionInline]


@admin.register(ReportTransition)
class ReportTransitionAdmin(TransitionLogAdmin):
    list_display = ["report", "name", "source", "target", "at", "by"]
    search_fields = ["report__project__title", "by__email", "reason"]
    raw_id_fields = ["report", "by"]


@admin.register(OpenAirAuthorisation)
class OpenAirAuthorisationAdmin(admin.ModelAdmin):
    list_display = ["action", "status", "requested_on", "decided_on", "technical_provider"]
    list_filter = ["status"]
    search_fields = ["action__title", "technical_provider"]
    raw_id_fields = ["action"]


@admin.register(WorkshopFilm)
class WorkshopFilmAdmin(admin.ModelAdmin):
    list_display = ["title", "year", "typology", "action"]
    list_filter = ["year", "typology"]
    search_fields = ["title", "synopsis", "group"]
    raw_id_fields = ["action"]


for model, fields, filters, search, raw in (
    (
        ActionSession,
        ["action", "day", "starts_at", "ends_at"],
        ["day"],
        ["action__title"],
        ["action", "place_structure", "place_commune"],
    ),
    (
        ParticipantCount,
        ["action", "age_band", "gender", "count"],
        ["age_band"],
        ["action__title"],
        ["action"],
    ),
    (
        PriorityPublicCount,
        ["action", "priority", "count"],
        ["priority"],
        ["action__title"],
        ["action"],
    ),
    (RelayCount, ["action", "relay_kind", "count"], ["relay_kind"], ["action__title"], ["action"]),
    (ReportFigure, ["report", "code", "value"], ["code"], ["report__project__title"], ["report"]),
    (
        ReportExpense,
        ["report", "category", "planned", "actual"],
        ["category"],
        ["report__project__title"],
        ["report"],
    ),
):
    admin.site.register(
        model, list_display=fields, list_filter=filters, search_fields=search, raw_id_fields=raw
    )


@admin.register(ActionSpeaker)
class ActionSpeakerAdmin(admin.ModelAdmin):
    list_display = ["person", "action", "created_at", "created_as"]
    search_fields = ["person__last_name", "person__first_name", "action__title"]
    raw_id_fields = ["action", "person", "created_by"]
    list_select_related = ["person", "action"]
