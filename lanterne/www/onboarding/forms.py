from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from lanterne.accounts.forms import AccountForm
from lanterne.network.enums import StructureKind
from lanterne.network.legal_forms import CHOICES as LEGAL_FORMS
from lanterne.network.models import Structure
from lanterne.network.validators import normalise_phone, normalise_rna, normalise_siret
from lanterne.www.structures.forms import CommuneField

# What a structure applying to a call may be.
APPLICANT_KINDS = [
    (StructureKind.CULTURAL_ACTOR, StructureKind.CULTURAL_ACTOR.label),
    (StructureKind.PUBLIC_SUPPORT, StructureKind.PUBLIC_SUPPORT.label),
    (StructureKind.COLLECTIVITY, StructureKind.COLLECTIVITY.label),
]


class SignupForm(AccountForm):
    """An account opened by its owner: the shared account fields and the address to confirm."""

    field_order = ["first_name", "last_name", "email", "password1", "password2"]

    email = forms.EmailField(
        label=_("Adresse e-mail"),
        max_length=254,
        help_text=_("Vous y recevrez le lien qui ouvre votre compte."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    next = forms.CharField(widget=forms.HiddenInput, required=False)

    def account_email(self) -> str:
        return self.cleaned_data.get("email", "")


class StructureRegisterForm(forms.Form):
    """The structure a new applicant acts for: what identifies it and where it is."""

    siret = forms.CharField(
        label=_("SIRET"),
        required=False,
        max_length=30,
        help_text=_("14 chiffres ; facultatif pour un groupe informel."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    rna = forms.CharField(
        label=_("Numéro RNA"),
        required=False,
        max_length=20,
        help_text=_("W suivi de 9 chiffres ; pour une association seulement."),
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    name = forms.CharField(label=_("Nom de la structure"), max_length=200)
    kind = forms.ChoiceField(label=_("Type de structure"), choices=APPLICANT_KINDS)
    legal_form = forms.ChoiceField(label=_("Forme juridique"), choices=LEGAL_FORMS, required=False)
    legal_representative_name = forms.CharField(
        label=_("Représentant·e légal·e"),
        max_length=200,
        required=False,
        help_text=_("Prénom et nom de la personne qui représente légalement la structure."),
    )
    legal_representative_role = forms.CharField(
        label=_("Qualité du représentant·e légal·e"),
        max_length=100,
        required=False,
        help_text=_("Sa fonction : président·e, gérant·e, maire…"),
    )
    address = forms.CharField(
        label=_("Adresse"),
        max_length=250,
        required=False,
        widget=forms.TextInput(
            attrs={"autocomplete": "street-address", "list": "address-suggestions"}
        ),
    )
    postal_code = forms.CharField(
        label=_("Code postal"),
        max_length=10,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "postal-code"}),
    )
    commune = CommuneField(label=_("Commune"))
    email = forms.EmailField(
        label=_("E-mail de la structure"),
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    phone = forms.CharField(
        label=_("Téléphone"),
        required=False,
        max_length=30,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )
    next = forms.CharField(widget=forms.HiddenInput, required=False)

    def clean_siret(self):
        value = self.cleaned_data["siret"].strip()
        if not value:
            return ""
        siret = normalise_siret(value)
        existing = Structure.objects.filter(siret=siret).first()
        if existing is not None:
            raise ValidationError(
                _(
                    "Une structure porte déjà ce SIRET sur Lanterne (%(name)s) : demandez à la "
                    "rejoindre plutôt que d'en créer une autre."
                )
                % {"name": existing.name}
            )
        return siret

    def clean_rna(self):
        value = self.cleaned_data["rna"].strip()
        return normalise_rna(value) if value else ""

    def clean_phone(self):
        value = self.cleaned_data["phone"].strip()
        return normalise_phone(value) if value else ""

    def clean(self):
        data = super().clean()
        if data.get("legal_representative_role") and not data.get("legal_representative_name"):
            self.add_error(
                "legal_representative_name",
                _("Indiquez le nom du représentant·e légal·e dont vous donnez la qualité."),
            )
        return data

    def structure_fields(self) -> dict:
        data = self.cleaned_data
        return {
            name: data[name]
            for name in (
                "name",
                "kind",
                "siret",
                "rna",
                "legal_form",
                "legal_representative_name",
                "legal_representative_role",
                "address",
                "postal_code",
                "commune",
                "email",
                "phone",
            )
        } | {"is_listed": False}


class JoinRequestForm(forms.Form):
    message = forms.CharField(
        label=_("Message aux membres de la structure"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Dites qui vous êtes dans la structure (facultatif)."),
    )


class RefuseForm(forms.Form):
    reason = forms.CharField(
        label=_("Motif du refus"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("La personne recevra ce motif par e-mail."),
    )
