from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from lanterne.accounts.enums import Role
from lanterne.committee.enums import Verdict
from lanterne.core.forms import EurosField
from lanterne.dossiers.enums import Decision, DossierState
from lanterne.dossiers.models import Dossier

DATETIME_LOCAL = "%Y-%m-%dT%H:%M"


def committee_candidates():
    """Users who may sit on a committee: an active committee-member role (DRAC, Région)."""
    return (
        get_user_model()
        .objects.filter(
            is_active=True,
            memberships__role=Role.COMMITTEE_MEMBER,
            memberships__is_active=True,
        )
        .distinct()
        .order_by("last_name", "first_name", "email")
    )


class SessionForm(forms.Form):
    title = forms.CharField(label=_("Intitulé"), max_length=200)
    meets_at = forms.DateTimeField(
        label=_("Date et heure (heure de Paris)"),
        input_formats=[DATETIME_LOCAL, "%d/%m/%Y %H:%M", "%Y-%m-%d %H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format=DATETIME_LOCAL),
        error_messages={"invalid": _("Indiquez une date et une heure, par ex. 14/12/2023 10:00.")},
    )
    place = forms.CharField(label=_("Lieu"), max_length=200, required=False)
    members = forms.ModelMultipleChoiceField(
        label=_("Membres du comité"),
        queryset=committee_candidates(),
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
        required=False,
        help_text=_("Les personnes ayant un rôle de membre de comité (DRAC, Région)."),
    )


class AgendaForm(forms.Form):
    dossiers = forms.ModelMultipleChoiceField(
        label=_("Dossiers à inscrire à l'ordre du jour"),
        queryset=Dossier.objects.none(),
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
        error_messages={"required": _("Cochez au moins un dossier.")},
    )

    def __init__(self, *args, session, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["dossiers"].queryset = (
            Dossier.objects.filter(
                call_id=session.call_id,
                state__in=[DossierState.SUBMITTED, DossierState.UNDER_REVIEW],
            )
            .select_related("applicant")
            .order_by("reference")
        )

    def choices(self) -> list[dict]:
        """The dossiers that may be put on the agenda as the page lists them: a checkbox each,
        named and numbered as the field's own widgets are (`id_dossiers_0`, …), ticked as they
        were sent. The page writes the checkboxes itself: a widget rendered through the form
        renderer costs a template per dossier, and a call may have hundreds waiting."""
        field = self["dossiers"]
        ticked = {str(value) for value in field.value() or []}
        # The state too: the workflow's lock reads it as each instance is built.
        queryset = (
            self.fields["dossiers"]
            .queryset.select_related(None)
            .only("id", "reference", "title", "state")
        )
        return [
            {
                "value": dossier.pk,
                "label": self.fields["dossiers"].label_from_instance(dossier),
                "id": f"{field.auto_id}_{index}",
                "checked": str(dossier.pk) in ticked,
            }
            for index, dossier in enumerate(queryset)
        ]


class OpinionForm(forms.Form):
    verdict = forms.ChoiceField(
        label=_("Avis"),
        choices=Verdict.choices,
        widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
        error_messages={"required": _("Choisissez un avis.")},
    )
    comment = forms.CharField(
        label=_("Commentaire"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    proposed_amount = EurosField(
        label=_("Montant proposé (€)"),
        required=False,
        min_value=0,
        help_text=_("En euros, par ex. 3 500 ou 3500,50."),
    )


class DecisionForm(forms.Form):
    # No outcome is chosen in advance: the coordination picks one, or is asked to.
    decision = forms.ChoiceField(
        label=_("Décision"),
        choices=Decision.choices,
        widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
        error_messages={"required": _("Choisissez la décision.")},
    )
    amount = EurosField(label=_("Montant attribué (€)"), required=False, min_value=0)
    reason = forms.CharField(label=_("Motif"), required=False, max_length=2000)
