from django.contrib import admin

from .models import Engagement, Qualification, SpeakerPeriod, SpeakerProfile


class PeriodInline(admin.TabularInline):
    model = SpeakerPeriod
    extra = 0


@admin.register(SpeakerProfile)
class SpeakerProfileAdmin(admin.ModelAdmin):
    list_display = ["person", "home_commune", "radius_km", "in_directory", "is_fictitious"]
    list_select_related = ["person", "home_commune"]
    raw_id_fields = ["person", "home_commune"]
    filter_horizontal = ["departements"]
    inlines = [PeriodInline]
    search_fields = ["person__last_name", "person__first_name"]


@admin.register(Qualification)
class QualificationAdmin(admin.ModelAdmin):
    list_display = ["profile", "structure", "level"]
    raw_id_fields = ["profile", "structure", "by"]


@admin.register(Engagement)
class EngagementAdmin(admin.ModelAdmin):
    list_display = ["profile", "action", "state", "rank", "score"]
    raw_id_fields = ["profile", "action", "proposed_by", "action_speaker"]
    readonly_fields = ["state"]
