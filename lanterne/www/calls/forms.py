from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from lanterne.calls.enums import ApplicantArea, DocumentKind, FilmListKind, MilestoneKind, RuleCode
from lanterne.calls.models import Call
from lanterne.calls.rules import RULES
from lanterne.core.widgets import Select
from lanterne.dossiers.enums import DossierState
from lanterne.territories.models import Departement

# Seconds matter: a deadline is 23:59:59.
DATETIME_INPUT_FORMAT = "%Y-%m-%dT%H:%M:%S"
DATETIME_INPUT_FORMATS = [DATETIME_INPUT_FORMAT, "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M:%S"]


class ParisDateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs={"step": "1", **(attrs or {})}, format=DATETIME_INPUT_FORMAT)


def paris_datetime_field(label, required=False):
    """A date and time typed as Paris wall-clock time (Django reads naive input in the
    current time zone, Europe/Paris, and refuses times that do not exist or are ambiguous)."""
    return forms.DateTimeField(
        label=label,
        required=required,
        widget=ParisDateTimeInput(),
        input_formats=DATETIME_INPUT_FORMATS,
    )


class CallForm(forms.ModelForm):
    class Meta:
        model = Call
        fields = [
            "title",
            "year",
            "description",
            "contact",
            "envelope",
            "reminder_days",
            "applicant_area",
            "applicant_departements",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 6}),
            "contact": forms.Textarea(attrs={"rows": 3}),
            "applicant_area": forms.RadioSelect,
            "applicant_departements": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, regions=None, **kwargs):
        super().__init__(*args, **kwargs)
        if regions is None:
            regions = [self.instance.region_id] if self.instance.region_id else []
        # Absent from a post (the API, an older form): the coordination's perimeter.
        self.fields["applicant_area"].required = False
        # The départements a call may be opened to: those of its région.
        self.fields["applicant_departements"].queryset = Departement.objects.filter(
            region__in=regions
        ).order_by("code")

    def clean_applicant_area(self):
        return self.cleaned_data.get("applicant_area") or ApplicantArea.PERIMETER

    def clean_reminder_days(self):
        value = self.cleaned_data["reminder_days"].strip()
        parts = [part.strip() for part in value.split(",") if part.strip()]
        if not all(part.isdigit() for part in parts):
            raise forms.ValidationError(
                _("Indiquez des nombres de jours entiers séparés par des virgules, par ex. 14,3.")
            )
        return ",".join(parts)


class CallCreateForm(CallForm):
    """A new call: the coordination that carries it (its région follows), then its settings."""

    coordination = forms.ChoiceField(
        label=_("coordination"),
        help_text=_("La structure qui porte l'appel et instruit les dossiers ; sa région suit."),
    )

    field_order = ["coordination", *CallForm.Meta.fields]

    def __init__(self, *args, carriers=(), **kwargs):
        super().__init__(*args, regions={carrier.region.pk for carrier in carriers}, **kwargs)
        self.carriers = {carrier.key: carrier for carrier in carriers}
        self.fields["coordination"].choices = [(carrier.key, carrier.label) for carrier in carriers]

    def carrier(self):
        return self.carriers[self.cleaned_data["coordination"]]


class CalendarForm(forms.Form):
    """One start (and optional end, for a period) per step of the calendar, in Paris time."""

    def __init__(self, *args, call=None, **kwargs):
        if call is not None and "initial" not in kwargs:
            initial = {}
            for milestone in call.milestones.all():
                initial[f"{milestone.kind}_start"] = milestone.starts_at
                initial[f"{milestone.kind}_end"] = milestone.ends_at
                initial[f"{milestone.kind}_note"] = milestone.note
            kwargs["initial"] = initial
        super().__init__(*args, **kwargs)
        for kind in MilestoneKind:
            self.fields[f"{kind}_start"] = paris_datetime_field(_("date et heure"))
            self.fields[f"{kind}_end"] = paris_datetime_field(_("fin (pour une période)"))
            self.fields[f"{kind}_note"] = forms.CharField(
                label=_("précision"), required=False, max_length=200
            )

    def rows(self):
        for kind in MilestoneKind:
            yield {
                "kind": kind,
                "label": kind.label,
                "start": self[f"{kind}_start"],
                "end": self[f"{kind}_end"],
                "note": self[f"{kind}_note"],
            }

    def clean(self):
        cleaned = super().clean()
        for kind in MilestoneKind:
            start = cleaned.get(f"{kind}_start")
            end = cleaned.get(f"{kind}_end")
            if end and not start and f"{kind}_start" not in self.errors:
                self.add_error(f"{kind}_start", _("Une période a besoin d'une date de début."))
            if start and end and end < start:
                self.add_error(f"{kind}_end", _("La fin doit venir après le début."))
        opening = cleaned.get(f"{MilestoneKind.OPENING}_start")
        deadline = cleaned.get(f"{MilestoneKind.DEADLINE}_start")
        if opening and deadline and deadline <= opening:
            self.add_error(
                f"{MilestoneKind.DEADLINE}_start",
                _("La date limite de dépôt doit venir après l'ouverture de l'appel."),
            )
        return cleaned

    def milestones(self) -> dict[str, tuple]:
        result = {}
        for kind in MilestoneKind:
            start = self.cleaned_data.get(f"{kind}_start")
            if start:
                result[kind.value] = (
                    start,
                    self.cleaned_data.get(f"{kind}_end"),
                    self.cleaned_data.get(f"{kind}_note", ""),
                )
        return result


class RuleForm(forms.Form):
    """One eligibility rule of a call: applied or not, blocking or a warning, its parameters."""

    enabled = forms.BooleanField(label=_("appliquer cette règle"), required=False)
    is_blocking = forms.TypedChoiceField(
        label=_("si la règle n'est pas respectée"),
        choices=[
            ("1", _("bloquante : le dossier ne peut pas être déposé")),
            ("0", _("avertissement seulement : le dossier peut être déposé")),
        ],
        coerce=lambda value: value == "1",
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, code: str, rule=None, **kwargs):
        self.code = code
        self.rule = rule
        if rule is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                "enabled": True,
                "is_blocking": "1" if rule.is_blocking else "0",
                **(rule.params or {}),
            }
        elif "initial" not in kwargs:
            defaults = RULES[code].defaults
            kwargs["initial"] = {"enabled": False, "is_blocking": "1", **defaults}
        kwargs.setdefault("prefix", f"rule-{code}")
        super().__init__(*args, **kwargs)
        self.param_names = []
        # The rule's own fields: the one schema of its parameters (`lanterne.calls.rules`).
        for name, field in RULES[code].params_fields().items():
            self.fields[name] = field
            self.param_names.append(name)

    @property
    def label(self):
        return RuleCode(self.code).label

    def param_fields(self):
        return [self[name] for name in self.param_names]

    def is_posted(self) -> bool:
        """Whether the posted data carries this rule (a rule left out is left as it is)."""
        return any(key.startswith(f"{self.prefix}-") for key in self.data)

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("enabled"):
            # A rule that is not applied: its parameters are not checked (nor stored).
            for name in self.param_names:
                self._errors.pop(name, None)
            return cleaned
        if all(name in cleaned for name in self.param_names):
            try:
                RULES[self.code].clean_together({name: cleaned[name] for name in self.param_names})
            except forms.ValidationError as error:
                self.add_error(None, error)
        return cleaned

    def params(self) -> dict:
        """The parameters as stored in `CallRule.params` (amounts as strings: exact)."""
        params = {}
        for name in self.param_names:
            value = self.cleaned_data.get(name)
            if isinstance(value, Decimal):
                value = str(value)
            params[name] = value
        return params


class FilmForm(forms.Form):
    kind = forms.ChoiceField(label=_("liste"), choices=FilmListKind.choices)
    title = forms.CharField(label=_("titre"), max_length=200)
    director = forms.CharField(label=_("réalisation"), max_length=200, required=False)
    year = forms.IntegerField(label=_("année"), min_value=1880, max_value=2100, required=False)


class RequiredDocumentForm(forms.Form):
    kind = forms.ChoiceField(label=_("pièce"), choices=DocumentKind.choices)
    label = forms.CharField(
        label=_("libellé affiché (facultatif)"),
        max_length=200,
        required=False,
        help_text=_("Laisser vide pour afficher le nom de la pièce."),
    )
    returning_only = forms.BooleanField(
        label=_("seulement pour un porteur déjà soutenu l'an dernier"), required=False
    )


class CopyForm(forms.Form):
    year = forms.IntegerField(
        label=_("année des actions de la copie"), min_value=2000, max_value=2100
    )

    def __init__(self, *args, call=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.call = call
        if call is not None:
            self.fields["year"].initial = call.year + 1

    def clean_year(self):
        year = self.cleaned_data["year"]
        if self.call is not None and year == self.call.year:
            raise forms.ValidationError(_("Choisissez une autre année que celle de cet appel."))
        return year


class DossierFilterForm(forms.Form):
    state = forms.ChoiceField(
        label=_("état"),
        choices=[("", _("tous")), *list(DossierState.choices)],
        required=False,
        widget=Select,
    )
    q = forms.CharField(label=_("porteur, titre ou référence"), required=False, max_length=100)
