from django import forms
from django.utils.translation import gettext_lazy as _

from lanterne.network.enums import StructureKind
from lanterne.www.onboarding.forms import StructureRegisterForm


class StructureCreateForm(StructureRegisterForm):
    """A structure recorded by its coordination: any kind, listed or not."""

    is_listed = forms.BooleanField(label=_("Dans l'annuaire public"), required=False, initial=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = StructureKind.choices
        self.fields["name"].label = _("Nom")
        del self.fields["next"]

    def structure_fields(self) -> dict:
        return super().structure_fields() | {"is_listed": self.cleaned_data["is_listed"]}


class MergeForm(forms.Form):
    keep = forms.SlugField(required=False, widget=forms.HiddenInput)
