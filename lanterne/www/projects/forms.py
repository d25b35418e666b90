"""Forms of the project pages: they parse what was typed; the services decide.

Participant and figure counts are text inputs on purpose: the service checks them and names
what is wrong (« 12,5 » is not a number of people), and the page keeps exactly what was typed.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.forms.models import construct_instance
from django.utils.translation import gettext_lazy as _

from lanterne.calls.models import Film
from lanterne.core.privacy import NO_MINOR_NAMES
from lanterne.core.widgets import Select, Textarea, TextInput
from lanterne.dossiers.enums import SCREENING_FILM_LIST, ActionKind, ActionType, Typology
from lanterne.network.models import Person, Structure
from lanterne.projects.enums import (
    AgeBand,
    Figure,
    Gender,
    PriorityPublic,
    RelayKind,
)
from lanterne.projects.models import Action, ActionSession, OpenAirAuthorisation, WorkshopFilm
from lanterne.projects.services import figure_error_key

from ..communes.forms import CommuneField

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
COUNT_ATTRS = {"inputmode": "numeric", "size": 4, "autocomplete": "off"}


def _film_queryset(project, action_type):
    list_kind = SCREENING_FILM_LIST.get(action_type)
    if list_kind is None:
        return Film.objects.none()
    return Film.objects.filter(film_list__call=project.call_id, film_list__kind=list_kind)


def _list_choices(field: forms.ModelChoiceField) -> None:
    """Give `field` choices fetched as a list when the select is rendered: a model field's
    choices otherwise iterate a server-side cursor (three round trips on PostgreSQL). The
    queryset still validates what is posted."""

    def choices():
        empty = [("", field.empty_label)] if field.empty_label is not None else []
        return empty + [(obj.pk, field.label_from_instance(obj)) for obj in field.queryset]

    field.choices = choices


class ActionForm(forms.ModelForm):
    commune = CommuneField(label=_("Commune de l'action"), required=False)

    class Meta:
        model = Action
        fields = [
            "action_type",
            "title",
            "typology",
            "description",
            "commune",
            "speakers",
            "referent",
            "film",
        ]
        # The selects are written in Python, not through a template per option.
        widgets = {
            "description": Textarea(attrs={"rows": 3}),
            "title": TextInput,
            "speakers": TextInput,
            "referent": TextInput,
            "action_type": Select,
            "typology": Select,
            "film": Select,
        }

    def __init__(self, *args, project, **kwargs):
        super().__init__(*args, **kwargs)
        self.project = project
        if self.instance.pk:
            # The format of an existing action is fixed: it decides its authorisation and film.
            del self.fields["action_type"]
            action_type = self.instance.action_type
            if self.instance.kind != ActionKind.FAIRE:
                del self.fields["referent"]
            if action_type in SCREENING_FILM_LIST:
                self.fields["film"].queryset = _film_queryset(project, action_type)
                self.fields["film"].help_text = _("Un film de la liste de l'appel.")
            else:
                del self.fields["film"]
        else:
            self.fields["film"].queryset = Film.objects.filter(film_list__call=project.call_id)
            self.fields["film"].help_text = _(
                "Pour une séance : un film de la liste de l'appel correspondant au format."
            )
        if "film" in self.fields:
            _list_choices(self.fields["film"])

    def clean(self):
        data = super().clean()
        action_type = data.get("action_type") or self.instance.action_type
        film = data.get("film")
        if film is not None and action_type:
            allowed = _film_queryset(self.project, action_type)
            if not allowed.filter(pk=film.pk).exists():
                self.add_error(
                    "film", _("Ce film n'est pas dans la liste de l'appel pour ce format.")
                )
        if action_type and ActionType(action_type) not in SCREENING_FILM_LIST:
            data["film"] = None
        return data


class SessionForm(forms.ModelForm):
    place_commune = CommuneField(label=_("Commune"), required=False)

    class Meta:
        model = ActionSession
        fields = ["day", "starts_at", "ends_at", "place_commune", "place_structure", "place_detail"]
        widgets = {"day": DATE, "starts_at": TIME, "ends_at": TIME}
        labels = {"place_structure": _("ou une structure")}

    def __init__(self, *args, project, **kwargs):
        super().__init__(*args, **kwargs)
        structure_ids = {project.applicant_id}
        structure_ids |= {
            pk
            for pk in project.dossier.partners.values_list("structure_id", flat=True)
            if pk is not None
        }
        self.fields["place_structure"].queryset = Structure.objects.filter(
            pk__in=structure_ids
        ).order_by("name")
        self.fields["place_structure"].help_text = _(
            "Le porteur ou une structure partenaire du dossier."
        )

    def clean(self):
        data = super().clean()
        no_place = not data.get("place_commune") and not data.get("place_structure")
        if no_place and "place_commune" not in self.errors:
            self.add_error(None, _("Indiquez le lieu de la séance : une commune ou une structure."))
        start, end = data.get("starts_at"), data.get("ends_at")
        if start and end and end <= start:
            self.add_error("ends_at", _("La séance doit finir après son début."))
        return data

    def _post_clean(self):
        # The service validates the model once the action is set: only copy the fields here.
        construct_instance(self, self.instance, self._meta.fields, self._meta.exclude)


BENEFICIARY_PREFIX = "b"


def beneficiary_field_name(age_band: str, gender: str) -> str:
    return f"{BENEFICIARY_PREFIX}_{age_band}_{gender}"


class ParticipantsForm(forms.Form):
    """A grid of age band × gender, the priority publics, then the relays (apart)."""

    def __init__(self, *args, action=None, **kwargs):
        initial = kwargs.pop("initial", None) or {}
        if action is not None and not args:
            for count in action.participant_counts.all():
                initial[beneficiary_field_name(count.age_band, count.gender)] = count.count
            for count in action.priority_counts.all():
                initial[f"p_{count.priority}"] = count.count
            for count in action.relay_counts.all():
                initial[f"r_{count.relay_kind}"] = count.count
        super().__init__(*args, initial=initial, **kwargs)
        for age_band, age_label in AgeBand.choices:
            for gender, gender_label in Gender.choices:
                self.fields[beneficiary_field_name(age_band, gender)] = forms.CharField(
                    label=f"{age_label} — {gender_label}",
                    required=False,
                    max_length=12,
                    widget=forms.TextInput(attrs=COUNT_ATTRS),
                )
        for code, label in PriorityPublic.choices:
            self.fields[f"p_{code}"] = forms.CharField(
                label=label,
                required=False,
                max_length=12,
                widget=forms.TextInput(attrs=COUNT_ATTRS),
            )
        for code, label in RelayKind.choices:
            self.fields[f"r_{code}"] = forms.CharField(
                label=label,
                required=False,
                max_length=12,
                widget=forms.TextInput(attrs=COUNT_ATTRS),
            )

    def grid(self):
        """Rows (age band label, [bound fields by gender]) for the table."""
        return [
            (label, [self[beneficiary_field_name(age_band, gender)] for gender in Gender.values])
            for age_band, label in AgeBand.choices
        ]

    def priority_fields(self):
        return [self[f"p_{code}"] for code in PriorityPublic.values]

    def relay_fields(self):
        return [self[f"r_{code}"] for code in RelayKind.values]

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        return {
            "beneficiaries": {
                (a, g): data.get(beneficiary_field_name(a, g), "")
                for a in AgeBand.values
                for g in Gender.values
            },
            "priority": {code: data.get(f"p_{code}", "") for code in PriorityPublic.values},
            "relays": {code: data.get(f"r_{code}", "") for code in RelayKind.values},
        }


class AuthorisationForm(forms.ModelForm):
    class Meta:
        model = OpenAirAuthorisation
        fields = [
            "status",
            "requested_on",
            "decided_on",
            "technical_provider",
            "screening_day",
            "note",
        ]
        widgets = {"requested_on": DATE, "decided_on": DATE, "screening_day": DATE}

    def _post_clean(self):
        # The service applies the fields and validates the authorisation.
        pass

    def fields_for_service(self) -> dict:
        return {name: self.cleaned_data.get(name) for name in self.Meta.fields}


class FilmForm(forms.ModelForm):
    minutes = forms.IntegerField(label=_("durée : minutes"), min_value=0, max_value=360)
    seconds = forms.IntegerField(
        label=_("durée : secondes"), min_value=0, max_value=59, required=False, initial=0
    )

    class Meta:
        model = WorkshopFilm
        fields = ["title", "year", "typology", "synopsis", "group", "speakers"]
        widgets = {"synopsis": forms.Textarea(attrs={"rows": 3})}
        labels = {"group": _("groupe de jeunes")}

    field_order = ["title", "minutes", "seconds", "year", "typology", "synopsis", "group"]

    def clean(self):
        data = super().clean()
        minutes, seconds = data.get("minutes"), data.get("seconds") or 0
        if minutes is not None:
            total = minutes * 60 + seconds
            if total < 1:
                self.add_error("minutes", _("La durée du film doit être d'au moins une seconde."))
            self.instance.duration_seconds = total
        return data

    def _post_clean(self):
        # Fields are copied onto the instance; the service runs the model validation.
        construct_instance(self, self.instance, self._meta.fields, self._meta.exclude)


class ReportForm(forms.Form):
    went_well = forms.CharField(
        label=_("Ce qui a bien fonctionné"),
        required=False,
        widget=Textarea(attrs={"rows": 4}),
        help_text=NO_MINOR_NAMES,
    )
    difficulties = forms.CharField(
        label=_("Difficultés rencontrées"),
        required=False,
        widget=Textarea(attrs={"rows": 4}),
        help_text=NO_MINOR_NAMES,
    )
    youth_words = forms.CharField(
        label=_("Paroles de jeunes"),
        required=False,
        widget=Textarea(attrs={"rows": 4}),
        help_text=NO_MINOR_NAMES,
    )
    version = forms.IntegerField(widget=forms.HiddenInput)
    # Shown once above the figures' table rather than under each justification.
    justification_help = NO_MINOR_NAMES

    def __init__(self, *args, figure_rows, expenses, **kwargs):
        super().__init__(*args, **kwargs)
        self.figure_rows = figure_rows
        self.expense_rows = expenses
        for row in figure_rows:
            code = row["code"]
            self.fields[f"f_{code}"] = forms.CharField(
                label=_("Valeur déclarée : %(label)s") % {"label": row["label"]},
                required=False,
                max_length=12,
                widget=TextInput(attrs=COUNT_ATTRS),
                initial=row["value"],
            )
            self.fields[f"j_{code}"] = forms.CharField(
                label=_("Justification de l'écart : %(label)s") % {"label": row["label"]},
                required=False,
                widget=Textarea(attrs={"rows": 2}),
                initial=row["justification"],
            )
        for expense in expenses:
            self.fields[f"e_{expense.category}"] = forms.DecimalField(
                label=_("Réalisé : %(label)s") % {"label": expense.label},
                required=False,
                min_value=0,
                max_digits=12,
                decimal_places=2,
                localize=True,
                widget=TextInput,
                initial=expense.actual,
            )

    def figure_fields(self):
        return [
            (row, self[f"f_{row['code']}"], self[f"j_{row['code']}"]) for row in self.figure_rows
        ]

    def expense_fields(self):
        return [(expense, self[f"e_{expense.category}"]) for expense in self.expense_rows]

    def on_fields(self, error: ValidationError) -> ValidationError:
        """The service's refusal with each figure's message keyed by this form's field (the
        value or its justification), so that it shows beside the field concerned."""
        if not hasattr(error, "error_dict"):
            return error
        fields = {}
        for code in Figure.values:
            fields[figure_error_key(code)] = f"f_{code}"
            fields[figure_error_key(code, justification=True)] = f"j_{code}"
        return ValidationError(
            {fields.get(key, key): messages for key, messages in error.error_dict.items()}
        )

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        return {
            "expected_version": data["version"],
            "narrative": {
                name: data.get(name, "") for name in ("went_well", "difficulties", "youth_words")
            },
            "figures": {
                code: (data.get(f"f_{code}", ""), data.get(f"j_{code}", ""))
                for code in Figure.values
                if f"f_{code}" in self.fields
            },
            "expenses": {
                expense.category: data.get(f"e_{expense.category}") for expense in self.expense_rows
            },
        }


class SendBackForm(forms.Form):
    reason = forms.CharField(
        label=_("Ce que le porteur doit reprendre"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=4000,
    )


ZONE_CHOICES = [
    ("", _("Tous les territoires")),
    ("qpv", _("Commune avec un QPV")),
    ("zrr", _("ZRR au début des actions")),
    ("frr", _("FRR au début des actions")),
]


class YearFilterForm(forms.Form):
    commune = forms.CharField(
        label=_("Commune (nom ou code INSEE)"), required=False, max_length=100
    )
    zone = forms.ChoiceField(
        label=_("Territoire prioritaire"), choices=ZONE_CHOICES, required=False, widget=Select
    )
    kind = forms.ChoiceField(
        label=_("Voir / faire"),
        choices=[("", _("Tous")), *list(ActionKind.choices)],
        required=False,
        widget=Select,
    )
    action_type = forms.ChoiceField(
        label=_("Format"),
        choices=[("", _("Tous")), *list(ActionType.choices)],
        required=False,
        widget=Select,
    )
    typology = forms.ChoiceField(
        label=_("Typologie"),
        choices=[("", _("Toutes")), *list(Typology.choices)],
        required=False,
        widget=Select,
    )

    def __init__(self, *args, regions=(), **kwargs):
        super().__init__(*args, **kwargs)
        if len(regions) > 1:
            self.fields["region"] = forms.ChoiceField(
                label=_("Région"),
                choices=[("", _("Toutes mes régions"))] + [(r.code, r.name) for r in regions],
                required=False,
                widget=Select,
            )

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        return {key: value for key, value in self.cleaned_data.items() if value}


class SpeakerEngageForm(forms.Form):
    """A speaker of the network engaged in an action, chosen among the fiches the user reads."""

    person = forms.ModelChoiceField(
        label=_("Intervenant·e"),
        queryset=Person.objects.none(),
        empty_label=_("Choisir un·e intervenant·e"),
        error_messages={"required": _("Choisissez l'intervenant·e à engager.")},
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["person"]
        field.queryset = (
            Person.objects.visible_to(user).filter(is_speaker=True).order_by("last_name", "pk")
        )
        field.help_text = _(
            "Parmi les fiches d'intervenant·es que vous voyez ; l'intervenant·e verra l'action "
            "sur sa page d'accueil."
        )
