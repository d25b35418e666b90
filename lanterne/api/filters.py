"""Query-string filters of the read API.

Territory and structure references are plain codes and slugs (`CharFilter`), never model
choices: a choice filter would load 35 000 communes to render the browsable API's form.
Filters that follow a relation to structures only follow the ones the user may see, so that a
filter cannot be used to probe what is out of reach.
"""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters

from lanterne.network.enums import StructureKind, StructureSubkind
from lanterne.network.models import Affiliation, Person, Structure
from lanterne.territories.enums import RuralScheme, RuralStatus
from lanterne.territories.models import Commune, Departement, Qpv, RuralZoning


class DepartementFilter(filters.FilterSet):
    region = filters.CharFilter(field_name="region_id", help_text=_("Code INSEE de la région."))

    class Meta:
        model = Departement
        fields = ["region"]


class CommuneFilter(filters.FilterSet):
    departement = filters.CharFilter(
        field_name="departement_id",
        help_text=_("Code INSEE du département, par ex. « 2A »."),
    )
    region = filters.CharFilter(field_name="region_id", help_text=_("Code INSEE de la région."))
    q = filters.CharFilter(
        method="search",
        help_text=_("Nom, début du code INSEE ou code postal."),
    )

    class Meta:
        model = Commune
        fields = ["departement", "region", "kind"]

    def search(self, queryset, name, value):
        return queryset.search(value)


class QpvFilter(filters.FilterSet):
    commune = filters.CharFilter(
        field_name="communes__code",
        help_text=_("Code INSEE d'une commune du quartier."),
    )

    class Meta:
        model = Qpv
        fields = ["commune", "origin"]


class RuralZoningFilter(filters.FilterSet):
    commune = filters.CharFilter(field_name="commune_id", help_text=_("Code INSEE de la commune."))
    scheme = filters.ChoiceFilter(choices=RuralScheme.choices)
    status = filters.ChoiceFilter(choices=RuralStatus.choices)
    on = filters.DateFilter(
        method="in_force_on",
        help_text=_("Classements en vigueur à cette date (AAAA-MM-JJ)."),
    )

    class Meta:
        model = RuralZoning
        fields = ["commune", "scheme", "status", "on", "origin"]

    def in_force_on(self, queryset, name, value):
        return queryset.active_on(value)


class StructureFilter(filters.FilterSet):
    kind = filters.ChoiceFilter(choices=StructureKind.choices)
    subkind = filters.ChoiceFilter(choices=StructureSubkind.choices)
    region = filters.CharFilter(
        field_name="commune__region_id",
        help_text=_("Code INSEE de la région."),
    )
    departement = filters.CharFilter(
        field_name="commune__departement_id",
        help_text=_("Code INSEE du département."),
    )
    commune = filters.CharFilter(field_name="commune_id", help_text=_("Code INSEE de la commune."))
    q = filters.CharFilter(method="search", help_text=_("Nom, sigle ou commune."))

    class Meta:
        model = Structure
        fields = ["kind", "subkind", "region", "departement", "commune"]

    def search(self, queryset, name, value):
        return queryset.search(value)


class MissionFilter(filters.FilterSet):
    region = filters.CharFilter(field_name="region_id", help_text=_("Code INSEE de la région."))
    departement = filters.CharFilter(
        method="covering",
        help_text=_("Missions couvrant ce département (code INSEE)."),
    )
    carrier = filters.CharFilter(
        method="carried_by",
        help_text=_("Identifiant (slug) d'une structure porteuse."),
    )

    def covering(self, queryset, name, value):
        return queryset.covering_departement(value)

    def carried_by(self, queryset, name, value):
        carriers = Structure.objects.visible_to(self.request.user).filter(slug=value)
        return queryset.filter(carriers__in=carriers).distinct()


class PersonFilter(filters.FilterSet):
    structure = filters.CharFilter(
        method="affiliated_to",
        help_text=_("Identifiant (slug) d'une structure de rattachement."),
    )
    q = filters.CharFilter(method="search", help_text=_("Prénom ou nom."))

    class Meta:
        model = Person
        fields = ["is_speaker", "structure"]

    def affiliated_to(self, queryset, name, value):
        visible = Affiliation.objects.visible_to(self.request.user)
        affiliations = visible.filter(structure__slug=value)
        return queryset.filter(affiliations__in=affiliations)

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(first_name__icontains=value) | Q(last_name__icontains=value))
