from django.contrib import admin

from .models import CommitteeSession, Opinion


@admin.register(CommitteeSession)
class CommitteeSessionAdmin(admin.ModelAdmin):
    list_display = ["title", "call", "meets_at", "is_closed"]
    list_filter = ["is_closed", "call__year"]
    search_fields = ["title", "call__title"]
    raw_id_fields = ["call", "members", "dossiers"]


@admin.register(Opinion)
class OpinionAdmin(admin.ModelAdmin):
    list_display = ["dossier", "member", "verdict", "proposed_amount", "given_at"]
    list_filter = ["verdict"]
    search_fields = ["dossier__reference", "member__email"]
    raw_id_fields = ["session", "dossier", "member"]
