from django import forms
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from lanterne.accounts.enums import InvitationStatus, Role
from lanterne.accounts.forms import AccountForm
from lanterne.accounts.invitations import invitable_structures
from lanterne.accounts.perms import invitable_roles
from lanterne.core.choices import choice_label

from .structures import StructureChoiceField


class InvitationForm(forms.Form):
    """Invite a person: the roles and structures offered are those the user may invite for."""

    email = forms.EmailField(
        label=_("Adresse e-mail de la personne invitée"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )
    role = forms.ChoiceField(label=_("Rôle"))
    structure = StructureChoiceField(
        label=_("Structure"),
        required=False,
        help_text=_(
            "Tapez les premières lettres de son nom, puis choisissez dans la liste ; "
            "obligatoire, sauf pour un·e intervenant·e indépendant·e."
        ),
    )
    language = forms.ChoiceField(
        label=_("Langue du courriel d'invitation"), choices=settings.LANGUAGES
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = [(r, choice_label(Role, r)) for r in invitable_roles(user)]
        self.fields["structure"].queryset = invitable_structures(user)
        self.fields["language"].initial = translation.get_language()

    def clean(self):
        data = super().clean()
        if data.get("role") and data["role"] != Role.SPEAKER and not data.get("structure"):
            self.add_error("structure", _("Choisissez la structure pour laquelle inviter."))
        return data


class InvitationFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("État"),
        required=False,
        choices=[("", _("Tous les états")), *InvitationStatus.choices],
    )
    role = forms.ChoiceField(
        label=_("Rôle"), required=False, choices=[("", _("Tous les rôles")), *Role.choices]
    )
    q = forms.CharField(label=_("Adresse e-mail"), required=False, max_length=254)


class NewAccountForm(AccountForm):
    """The account an invitation opens, for the invited address: the shared account fields and
    the terms of use."""

    terms = forms.BooleanField(
        label=_("J'ai lu et j'accepte les conditions d'utilisation ci-dessus."),
        error_messages={
            "required": _("Cochez cette case pour accepter les conditions d'utilisation.")
        },
    )
