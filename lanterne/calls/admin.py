from django.contrib import admin

from .models import Call, CallMilestone, CallRule, Film, FilmList, RequiredDocument


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
    raw_id_fields = ["call"]
    inlines = [FilmInline]


@admin.register(Film)
class FilmAdmin(admin.ModelAdmin):
    list_display = ["title", "director", "year", "film_list"]
    list_filter = ["film_list__kind"]
    search_fields = ["title", "director"]


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
