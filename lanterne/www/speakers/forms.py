from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

from lanterne.core.forms import EurosField
from lanterne.dossiers.enums import Typology
from lanterne.speakers.enums import Language, Public, QualificationLevel, Trade
from lanterne.speakers.models import SpeakerPeriod, SpeakerProfile
from lanterne.territories.models import Departement

from ..communes.forms import CommuneField


def _choices(enum, label, help_text=""):
    return forms.MultipleChoiceField(
        label=label,
        choices=enum.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=help_text,
    )


class ProfileForm(forms.ModelForm):
    """A speaker's own profile."""

    trades = _choices(Trade, _("Métiers"))
    workshop_types = _choices(Typology, _("Types d'ateliers que vous menez"))
    publics = _choices(Public, _("Publics que vous connaissez"))
    excluded_publics = _choices(
        Public,
        _("Publics avec lesquels vous ne souhaitez pas travailler"),
        _("Vous ne serez pas proposé·e pour ces publics."),
    )
    languages = _choices(Language, _("Langues de travail"))
    departements = forms.ModelMultipleChoiceField(
        label=_("Départements où vous intervenez"),
        queryset=Departement.objects.order_by("code"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_("Vous pouvez aussi, ou à la place, indiquer votre commune et un rayon."),
    )
    home_commune = CommuneField(label=_("Commune de résidence"), required=False)
    day_rate = EurosField(label=_("Tarif journée (€ TTC)"), required=False, min_value=0)
    cv_file = forms.FileField(
        label=_("CV (PDF, ODT ou DOCX)"),
        required=False,
        help_text=_("Visible seulement des coordinations qui vous suivent."),
    )

    class Meta:
        model = SpeakerProfile
        fields = [
            "trades",
            "workshop_types",
            "publics",
            "excluded_publics",
            "departements",
            "home_commune",
            "radius_km",
            "languages",
            "equipment",
            "day_rate",
            "fee_terms",
            "mileage_terms",
            "filmography",
            "weekdays",
            "evenings",
            "weekends",
            "school_holidays",
            "does_not_want",
            "in_directory",
            "in_public_directory",
        ]
        widgets = {
            "equipment": forms.Textarea(attrs={"rows": 2}),
            "fee_terms": forms.Textarea(attrs={"rows": 2}),
            "mileage_terms": forms.Textarea(attrs={"rows": 2}),
            "filmography": forms.Textarea(attrs={"rows": 3}),
            "does_not_want": forms.Textarea(attrs={"rows": 2}),
            "school_holidays": forms.RadioSelect,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["departements"] = list(self.instance.departements.all())

    def clean_filmography(self):
        links = [line.strip() for line in self.cleaned_data["filmography"].splitlines()]
        validate = URLValidator(schemes=["http", "https"])
        for link in filter(None, links):
            try:
                validate(link)
            except ValidationError as error:
                raise ValidationError(
                    _("« %(link)s » n'est pas une adresse web (http:// ou https://).")
                    % {"link": link[:80]}
                ) from error
        return "\n".join(filter(None, links))

    def clean(self):
        data = super().clean()
        if data.get("radius_km") and not data.get("home_commune"):
            self.add_error("home_commune", _("Indiquez la commune d'où part votre rayon."))
        if data.get("in_public_directory") and not data.get("in_directory"):
            self.add_error(
                "in_public_directory",
                _("L'annuaire public montre les fiches de l'annuaire du réseau : cochez-le aussi."),
            )
        clash = set(data.get("publics") or ()) & set(data.get("excluded_publics") or ())
        if clash:
            self.add_error(
                "excluded_publics", _("Un public ne peut être à la fois connu et refusé.")
            )
        return data


class PeriodForm(forms.ModelForm):
    class Meta:
        model = SpeakerPeriod
        fields = ["kind", "starts_on", "ends_on"]
        widgets = {
            "starts_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "ends_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }
        labels = {"kind": _("Je suis")}

    def clean(self):
        data = super().clean()
        start, end = data.get("starts_on"), data.get("ends_on")
        if start and end and end < start:
            self.add_error("ends_on", _("La fin de la période précède son début."))
        return data


class QualificationForm(forms.Form):
    level = forms.ChoiceField(
        label=_("Qualification"), choices=QualificationLevel.choices, widget=forms.RadioSelect
    )
    notes = forms.CharField(
        label=_("Notes privées de votre coordination"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Lues seulement par votre coordination ; jamais par l'intervenant·e."),
    )


class NeedForm(forms.Form):
    """What the coordinator adds to the action for the matching (read from the query string)."""

    publics = _choices(Public, _("Publics de l'action"))
    require_known_publics = forms.BooleanField(
        label=_("Seulement des intervenant·es qui connaissent déjà ces publics"), required=False
    )


class AskForm(forms.Form):
    profile = forms.IntegerField(widget=forms.HiddenInput)
    publics = forms.MultipleChoiceField(
        choices=Public.choices, required=False, widget=forms.MultipleHiddenInput
    )
    require_known_publics = forms.BooleanField(required=False, widget=forms.HiddenInput)
    override_reason = forms.CharField(
        label=_("Motif du choix hors classement"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Obligatoire si vous ne sollicitez pas la première proposition."),
    )


class AnswerForm(forms.Form):
    note = forms.CharField(
        label=_("Message à la coordination (facultatif)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class CancelForm(forms.Form):
    reason = forms.CharField(label=_("Motif"), required=False, max_length=1000)
