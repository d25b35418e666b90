from django.contrib import admin

from lanterne.core.admin import TransitionLogAdmin

from .models import Campaign, Indicator, Return, ReturnTransition, Value


class IndicatorInline(admin.TabularInline):
    model = Indicator
    extra = 0
    fk_name = "campaign"
    fields = [
        "position",
        "code",
        "label_fr",
        "label_en",
        "unit",
        "period_type",
        "public_kind",
        "parent",
        "share_group",
    ]


@admin.register(Campaign)
class CampaignAdmin(admin.ModelAdmin):
    list_display = ["name", "year", "is_published"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["structures"]
    inlines = [IndicatorInline]


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = ["code", "label_fr", "campaign", "unit", "period_type", "public_kind"]
    list_filter = ["campaign"]


class ValueInline(admin.TabularInline):
    model = Value
    extra = 0
    readonly_fields = ["indicator", "status", "amount"]
    fields = ["indicator", "status", "amount", "counting_note", "comment"]
    can_delete = False


@admin.register(Return)
class ReturnAdmin(admin.ModelAdmin):
    list_display = ["structure", "campaign", "state", "submitted_at", "accepted_at"]
    list_filter = ["campaign", "state"]
    autocomplete_fields = ["structure"]
    # The workflow is changed by the services only (pages), never by hand here.
    readonly_fields = ["state", "submitted_at", "accepted_at"]
    inlines = [ValueInline]


@admin.register(ReturnTransition)
class ReturnTransitionAdmin(TransitionLogAdmin):
    list_display = ["value_return", "name", "source", "target", "at", "by"]
    search_fields = ["value_return__structure__name", "by__email", "reason"]
    raw_id_fields = ["value_return", "by"]
