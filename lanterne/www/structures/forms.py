from django import forms
from django.utils.translation import gettext_lazy as _

from lanterne.network.legal_forms import CHOICES as LEGAL_FORMS
from lanterne.network.models import Structure
from lanterne.territories.models import Commune

# The one commune field; imported from here by the forms of structures.
from ..communes.forms import CommuneField

__all__ = ["CommuneField", "StructureForm", "commune_label"]


def commune_label(commune: Commune) -> str:
    return commune.label


class StructureForm(forms.ModelForm):
    """What the people of a structure (and its coordination) keep up to date."""

    commune = CommuneField(label=_("Commune"), required=False)
    website = forms.URLField(label=_("Site web"), required=False, assume_scheme="https")
    # Longer than stored: "732 829 320 00074" or "+33 (0)5 61 25 22 55" are normalised by the model.
    siret = forms.CharField(
        label=_("SIRET"),
        required=False,
        max_length=30,
        help_text=Structure._meta.get_field("siret").help_text,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    rna = forms.CharField(
        label=_("Numéro RNA"),
        required=False,
        max_length=20,
        help_text=Structure._meta.get_field("rna").help_text,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    phone = forms.CharField(
        label=_("Téléphone"),
        required=False,
        max_length=30,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )
    # The version the user started from: a save over someone else's newer one is refused.
    version = forms.CharField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Structure
        fields = [
            "name",
            "acronym",
            "description",
            "siret",
            "rna",
            "legal_form",
            "legal_representative_name",
            "legal_representative_role",
            "address",
            "address_complement",
            "postal_code",
            "commune",
            "latitude",
            "longitude",
            "website",
            "email",
            "phone",
            "is_listed",
        ]
        widgets = {
            "legal_form": forms.Select(choices=LEGAL_FORMS),
            "description": forms.Textarea(attrs={"rows": 5}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "postal_code": forms.TextInput(attrs={"autocomplete": "postal-code"}),
            "legal_representative_name": forms.TextInput(attrs={"autocomplete": "off"}),
        }
        labels = {
            "legal_representative_name": _("Représentant·e légal·e"),
            "legal_representative_role": _("Qualité du représentant·e légal·e"),
        }
        help_texts = {
            "latitude": _(
                "Facultatif : sans position, la carte place la structure au centre de sa commune."
            ),
        }

    def __init__(self, *args, current_version: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.current_version = current_version
        if not self.is_bound:
            self.initial["version"] = current_version

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("version") != self.current_version:
            raise forms.ValidationError(
                _(
                    "Quelqu'un a modifié cette structure pendant que vous la modifiiez. Vos "
                    "saisies sont conservées ci-dessous : rechargez la page dans un autre "
                    "onglet pour voir la nouvelle version, puis enregistrez à nouveau."
                ),
                code="stale",
            )
        return cleaned

    def changed_values(self) -> dict:
        """The validated (and normalised) values of the editable fields."""
        return {name: getattr(self.instance, name) for name in self.Meta.fields}
