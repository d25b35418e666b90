from django import forms
from django.utils.translation import gettext_lazy as _

from lanterne.core.widgets import Select
from lanterne.network.enums import StructureKind, StructureSubkind
from lanterne.network.selectors import filter_structures
from lanterne.territories.models import Departement, Region


class MapFilterForm(forms.Form):
    """Filters by type and région; every filter that is set narrows the results (AND).

    The map uses this one: a map is read by area, not by name.
    """

    kind = forms.ChoiceField(label=_("Type"), required=False, widget=Select)
    region = forms.ChoiceField(label=_("Région"), required=False, widget=Select)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", _("Tous les types")), *StructureKind.choices]
        # One query per list, whatever the number of structures.
        self.fields["region"].choices = [
            ("", _("Toutes les régions")),
            *Region.objects.order_by("name").values_list("code", "name"),
        ]

    def filters(self) -> dict:
        """The valid, non-empty filters (an invalid value is ignored, and reported by the form)."""
        if not self.is_bound:
            return {}
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value}

    def apply(self, queryset):
        return filter_structures(queryset, **self.filters())


class StructureFilterForm(MapFilterForm):
    """The directory's filters: name search, type, sous-type, région, département."""

    q = forms.CharField(
        label=_("Nom, sigle ou commune"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    subkind = forms.ChoiceField(label=_("Sous-type"), required=False, widget=Select)
    departement = forms.ChoiceField(label=_("Département"), required=False, widget=Select)

    field_order = ["q", "kind", "subkind", "region", "departement"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["subkind"].choices = [("", _("Tous les sous-types")), *StructureSubkind.choices]
        self.fields["departement"].choices = [
            ("", _("Tous les départements")),
            *(
                (code, f"{code} — {name}")
                for code, name in Departement.objects.order_by("code").values_list("code", "name")
            ),
        ]
