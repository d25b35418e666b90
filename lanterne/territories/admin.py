from django.contrib import admin

from .models import Commune, Departement, FormerCommune, Qpv, Region, RuralZoning


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "zone", "chef_lieu_code")
    list_filter = ("zone",)
    search_fields = ("code", "name")
    ordering = ("code",)


@admin.register(Departement)
class DepartementAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "region", "zone")
    list_filter = ("zone", "region")
    search_fields = ("code", "name")
    list_select_related = ("region",)


class RuralZoningInline(admin.TabularInline):
    model = RuralZoning
    fields = ("scheme", "status", "valid_from", "valid_until", "origin", "source")
    extra = 0


class FormerCommuneInline(admin.TabularInline):
    model = FormerCommune
    fields = ("code", "name", "ended_on")
    extra = 0


@admin.register(Commune)
class CommuneAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "kind", "departement", "population")
    list_filter = ("kind", "region")
    search_fields = ("code", "name")
    list_select_related = ("departement",)
    autocomplete_fields = ("parent",)
    inlines = [FormerCommuneInline, RuralZoningInline]
    # About 35 000 rows: no COUNT(*) of the whole table on every page.
    show_full_result_count = False

    def get_search_results(self, request, queryset, search_term):
        # The domain's search: names, INSEE codes (2A004) and postal codes, as everywhere else;
        # also used by every commune autocomplete of the admin.
        return queryset.search(search_term), False


@admin.register(Qpv)
class QpvAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "valid_from", "valid_until", "origin")
    list_filter = ("origin",)
    search_fields = ("code", "name", "communes__name")
    autocomplete_fields = ("communes",)


@admin.register(RuralZoning)
class RuralZoningAdmin(admin.ModelAdmin):
    list_display = ("commune", "scheme", "status", "valid_from", "valid_until", "origin")
    list_filter = ("scheme", "status", "origin")
    search_fields = ("commune__code", "commune__name")
    autocomplete_fields = ("commune",)
    list_select_related = ("commune",)
    show_full_result_count = False


@admin.register(FormerCommune)
class FormerCommuneAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "commune", "ended_on")
    search_fields = ("name", "code", "commune__name", "commune__code")
    autocomplete_fields = ("commune",)
    list_select_related = ("commune",)
    show_full_result_count = False
