from typing import ClassVar

from django.contrib import admin
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from lanterne.accounts.models import Membership
from lanterne.core.admin import TransitionLogAdmin, TransitionLogInline

from .models import (
    Affiliation,
    Coordination,
    JoinRequest,
    JoinRequestTransition,
    Person,
    Pole,
    Structure,
)


class AffiliationInline(admin.TabularInline):
    model = Affiliation
    fields: ClassVar[tuple[str, ...]] = ("person", "structure", "position", "is_public_contact")
    extra = 0


# Django 6 assumes https for scheme-less URLs; opt in now (and silence the deprecation).
URL_FIELDS_ASSUME_HTTPS: dict[type[models.Field], dict[str, str]] = {
    models.URLField: {"assume_scheme": "https"}
}


class StructureAffiliationInline(AffiliationInline):
    autocomplete_fields = ("person",)
    fields = ("person", "position", "is_public_contact")


class PersonAffiliationInline(AffiliationInline):
    autocomplete_fields = ("structure",)
    fields = ("structure", "position", "is_public_contact")


class StructureMembershipInline(admin.TabularInline):
    model = Membership
    fields = ("user", "role", "is_active")
    autocomplete_fields = ("user",)
    extra = 0


@admin.register(Structure)
class StructureAdmin(SimpleHistoryAdmin):
    list_display = ("name", "acronym", "kind", "subkind", "commune", "is_listed", "is_fictitious")
    list_filter = ("kind", "subkind", "is_listed", "is_fictitious", "commune__region")
    search_fields = (
        "name",
        "acronym",
        "slug",
        "siret",
        "rna",
        "commune__name",
        "commune__code",
    )
    autocomplete_fields = ("commune",)
    list_select_related = ("commune",)
    prepopulated_fields = {"slug": ("name",)}
    readonly_fields = ("is_fictitious", "created_at", "updated_at")
    formfield_overrides = URL_FIELDS_ASSUME_HTTPS
    fieldsets = (
        (None, {"fields": ("name", "acronym", "slug", "kind", "subkind", "description")}),
        (
            _("Adresse"),
            {
                "fields": (
                    "address",
                    "address_complement",
                    "postal_code",
                    "commune",
                    "latitude",
                    "longitude",
                ),
            },
        ),
        (
            _("Identification"),
            {
                "fields": (
                    "siret",
                    "rna",
                    "legal_form",
                    "legal_representative_name",
                    "legal_representative_role",
                )
            },
        ),
        (_("Contact"), {"fields": ("website", "email", "phone")}),
        (_("Publication"), {"fields": ("is_listed", "is_fictitious", "created_at", "updated_at")}),
    )
    inlines = [StructureAffiliationInline, StructureMembershipInline]


class MissionAdmin(admin.ModelAdmin):
    list_display = ("name", "region", "carrier_names")
    list_filter = ("region",)
    search_fields = ("name", "slug", "carriers__name")
    autocomplete_fields = ("region", "departements", "carriers")
    list_select_related = ("region",)
    prepopulated_fields = {"slug": ("name",)}
    readonly_fields = ("created_at", "updated_at")
    formfield_overrides = URL_FIELDS_ASSUME_HTTPS

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("carriers")

    @admin.display(description=_("structures porteuses"))
    def carrier_names(self, mission):
        return ", ".join(carrier.name for carrier in mission.carriers.all())


admin.site.register(Pole, MissionAdmin)
admin.site.register(Coordination, MissionAdmin)


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ("last_name", "first_name", "email", "is_speaker", "user", "is_fictitious")
    list_filter = ("is_speaker", "is_fictitious")
    search_fields = ("last_name", "first_name", "email", "user__email")
    autocomplete_fields = ("user",)
    list_select_related = ("user",)
    readonly_fields = ("is_fictitious", "created_at", "updated_at")
    inlines = [PersonAffiliationInline]


@admin.register(Affiliation)
class AffiliationAdmin(admin.ModelAdmin):
    list_display = ("person", "structure", "position", "is_public_contact")
    list_filter = ("is_public_contact", "structure__kind")
    search_fields = ("person__last_name", "person__first_name", "structure__name")
    autocomplete_fields = ("person", "structure")
    list_select_related = ("person", "structure")
    readonly_fields = ("created_at", "updated_at")


class JoinRequestTransitionInline(TransitionLogInline):
    model = JoinRequestTransition


@admin.register(JoinRequest)
class JoinRequestAdmin(admin.ModelAdmin):
    """Requests to join a structure are decided on the site (by the structure's members or its
    coordination, each step checked); here they are only read."""

    list_display = ("user", "structure", "state", "created_at", "decided_at")
    list_filter = ("state",)
    search_fields = ("user__email", "structure__name")
    list_select_related = ("user", "structure")
    raw_id_fields = ("user", "structure", "decided_by")
    readonly_fields = ("state",)
    inlines = (JoinRequestTransitionInline,)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(JoinRequestTransition)
class JoinRequestTransitionAdmin(TransitionLogAdmin):
    list_display = ["join_request", "name", "source", "target", "at", "by"]
    search_fields = ["join_request__structure__name", "by__email", "reason"]
    raw_id_fields = ["join_request", "by"]
