"""The forms of the dossier pages: each section of a dossier is its own small form, and every
form that changes the content names the version of the dossier it was displayed from."""

from django import forms
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lanterne.calls.enums import DocumentKind, Funder
from lanterne.calls.models import Film
from lanterne.core.forms import money_field
from lanterne.core.privacy import NO_MINOR_NAMES
from lanterne.dossiers.enums import SCREENING_FILM_LIST, Decision, ExpenseCategory
from lanterne.dossiers.models import BudgetLine, Dossier, Partner, PlannedAction
from lanterne.network.models import Structure
from lanterne.territories.models import Qpv

from ..communes.forms import CommunesField


class VersionedForm(forms.Form):
    """A form that changes the dossier: it carries the version it was displayed from."""

    expected_version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class VersionedModelForm(forms.ModelForm):
    expected_version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class CreateForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("Titre du projet"), max_length=200)
    applicant = forms.ModelChoiceField(
        label=gettext_lazy("Structure porteuse"), queryset=Structure.objects.none()
    )
    from_previous = forms.BooleanField(
        label=gettext_lazy("Partir du dossier de l'an dernier"),
        required=False,
        help_text=gettext_lazy(
            "Reprend la note d'intention, le public, les territoires, les partenaires, le budget "
            "et les fiches actions (sans leurs dates ni leurs films)."
        ),
    )

    def __init__(self, *args, structures, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["applicant"].queryset = structures
        if len(structures) == 1:
            # Nothing to choose: the user applies for one structure only.
            self.single = structures[0]
            del self.fields["applicant"]
        else:
            self.single = None

    def clean(self):
        data = super().clean()
        if self.single is not None:
            data["applicant"] = self.single
        return data


class GeneralForm(VersionedForm):
    title = forms.CharField(label=gettext_lazy("Titre du projet"), max_length=200)
    intention = forms.CharField(
        label=gettext_lazy("Note d'intention"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=Dossier._meta.get_field("intention").help_text,
    )
    first_contact_on = forms.DateField(
        label=gettext_lazy("Date de la prise de contact avec la coordination"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )


class PublicForm(VersionedForm):
    age_min = forms.IntegerField(
        label=gettext_lazy("Âge minimum"), required=False, min_value=0, max_value=120
    )
    age_max = forms.IntegerField(
        label=gettext_lazy("Âge maximum"), required=False, min_value=0, max_value=120
    )
    expected_participants = forms.IntegerField(
        label=gettext_lazy("Nombre de participant·es attendu"), required=False, min_value=0
    )
    far_from_culture = forms.BooleanField(
        label=gettext_lazy("Public éloigné des pratiques culturelles"), required=False
    )
    public_description = forms.CharField(
        label=gettext_lazy("Description du public"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=NO_MINOR_NAMES,
    )

    def clean(self):
        data = super().clean()
        low, high = data.get("age_min"), data.get("age_max")
        if low is not None and high is not None and high < low:
            self.add_error("age_max", _("L'âge maximum doit être supérieur à l'âge minimum."))
        return data


class QpvChoiceField(forms.ModelMultipleChoiceField):
    """QPVs read by their name, never by their code."""

    def label_from_instance(self, obj):
        return obj.name


def qpvs_of(communes, chosen=()) -> "models.QuerySet[Qpv]":
    """The QPVs of `communes`, and those already `chosen`, by name."""
    return (
        Qpv.objects.filter(Q(communes__in=communes) | Q(pk__in=[q.pk for q in chosen]))
        .distinct()
        .order_by("name", "code")
    )


class TerritoriesForm(VersionedForm):
    communes = CommunesField(
        label=gettext_lazy("Communes concernées"),
        required=False,
        help_text=gettext_lazy(
            "Tapez les premières lettres du nom de chaque commune, puis choisissez dans la "
            "liste ; sans la liste, une commune par ligne."
        ),
    )
    qpvs = QpvChoiceField(
        label=gettext_lazy("Quartiers prioritaires (QPV)"),
        queryset=Qpv.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=gettext_lazy(
            "Parmi les QPV des communes choisies (enregistrez les communes pour voir leurs QPV)."
        ),
    )

    def __init__(self, *args, qpv_choices=None, **kwargs):
        super().__init__(*args, **kwargs)
        if qpv_choices is not None:
            self.fields["qpvs"].queryset = qpv_choices

    def clean(self):
        data = super().clean()
        communes, qpvs = data.get("communes"), data.get("qpvs")
        if communes is not None:
            # A form shown again lists the QPVs of the communes typed, not every QPV.
            self.fields["qpvs"].queryset = qpvs_of(communes, qpvs or ())
        if communes is not None and qpvs:
            allowed = set(Qpv.objects.filter(communes__in=communes).values_list("code", flat=True))
            outside = [q.name for q in qpvs if q.code not in allowed]
            if outside:
                self.add_error(
                    "qpvs",
                    _("Ces QPV ne sont dans aucune des communes choisies : %(names)s.")
                    % {"names": ", ".join(outside)},
                )
        return data


class StructureBudgetForm(VersionedForm):
    structure_budget_total = money_field(
        gettext_lazy("Budget prévisionnel annuel de la structure (€)"), required=False
    )


class PartnerForm(VersionedModelForm):
    structure_slug = forms.SlugField(
        label=gettext_lazy("Structure de l'annuaire (facultatif)"),
        required=False,
        help_text=gettext_lazy(
            "L'identifiant de sa fiche dans l'annuaire : la fin de son adresse, après "
            "« /structures/ »."
        ),
    )

    class Meta:
        model = Partner
        fields = ["role", "name", "contribution"]
        widgets = {"contribution": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.structure_id and not self.is_bound:
            self.initial["structure_slug"] = self.instance.structure.slug

    def clean_structure_slug(self):
        slug = self.cleaned_data["structure_slug"]
        if not slug:
            return None
        structure = Structure.objects.filter(slug=slug).first()
        if structure is None:
            raise forms.ValidationError(_("Aucune structure de l'annuaire n'a cet identifiant."))
        return structure

    def save(self, commit=True):
        self.instance.structure = self.cleaned_data.get("structure_slug")
        return super().save(commit=commit)


class ActionForm(VersionedModelForm):
    class Meta:
        model = PlannedAction
        fields = [
            "action_type",
            "typology",
            "title",
            "description",
            "starts_on",
            "ends_on",
            "place",
            "speakers",
            "film",
            "expected_participants",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "starts_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "ends_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }
        help_texts = {
            "film": gettext_lazy(
                "Pour une séance en plein air ou accompagnée : un film de la liste de l'appel "
                "correspondant à ce format."
            )
        }

    def __init__(self, *args, call, films=None, **kwargs):
        super().__init__(*args, **kwargs)
        films = (
            films
            if films is not None
            else list(Film.objects.filter(film_list__call=call).select_related("film_list"))
        )
        field = self.fields["film"]
        field.queryset = Film.objects.filter(film_list__call=call)
        groups: dict[str, list] = {}
        for film in films:
            groups.setdefault(film.film_list.get_kind_display(), []).append((film.pk, str(film)))
        field.choices = [("", "---------"), *groups.items()]

    def clean(self):
        data = super().clean()
        action_type, film = data.get("action_type"), data.get("film")
        wanted = SCREENING_FILM_LIST.get(action_type)
        if film is not None:
            if wanted is None:
                self.add_error(
                    "film", _("Seules les séances en plein air et accompagnées ont un film.")
                )
            elif film.film_list.kind != wanted:
                self.add_error(
                    "film",
                    _("Ce film n'est pas dans la liste « %(list)s » de l'appel.")
                    % {"list": film.film_list.get_kind_display()},
                )
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", _("La fin doit suivre le début."))
        return data


class BudgetLineForm(VersionedModelForm):
    amount = money_field(gettext_lazy("Montant (€)"))

    class Meta:
        model = BudgetLine
        fields = ["label", "amount"]


class ExpenseForm(BudgetLineForm):
    category = forms.ChoiceField(
        label=gettext_lazy("Poste de dépense"), choices=ExpenseCategory.choices
    )

    class Meta(BudgetLineForm.Meta):
        fields = ["category", "label", "amount"]


class ResourceForm(BudgetLineForm):
    funder = forms.ChoiceField(label=gettext_lazy("Financeur"), choices=Funder.choices)

    class Meta(BudgetLineForm.Meta):
        fields = ["funder", "label", "amount", "is_secured"]


class DocumentForm(VersionedForm):
    kind = forms.ChoiceField(label=gettext_lazy("Pièce"), choices=DocumentKind.choices)
    file = forms.FileField(
        label=gettext_lazy("Fichier"),
        help_text=gettext_lazy("PDF, ODT, DOCX, JPEG ou PNG."),
    )


class MessageForm(forms.Form):
    body = forms.CharField(label=gettext_lazy("Message"), widget=forms.Textarea(attrs={"rows": 3}))
    attachment = forms.FileField(
        label=gettext_lazy("Pièce jointe (facultatif)"),
        required=False,
        help_text=gettext_lazy("PDF, ODT, DOCX, JPEG ou PNG."),
    )


class NoteForm(forms.Form):
    body = forms.CharField(
        label=gettext_lazy("Note interne"), widget=forms.Textarea(attrs={"rows": 3})
    )


class SubmitForm(forms.Form):
    """The confirmation of a submission: the *attestation sur l'honneur* to tick; it carries
    the reasons a submission is refused."""

    attest = forms.BooleanField(
        label=gettext_lazy("Je certifie sur l'honneur ce qui précède."),
        error_messages={
            "required": gettext_lazy(
                "Cochez l'attestation sur l'honneur pour déposer le dossier : "
                "sans elle, il n'est pas déposé."
            )
        },
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Motif"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class SendBackForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Ce que le porteur doit compléter"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": gettext_lazy("Dites au porteur ce qu'il doit compléter.")},
    )


class ExtensionForm(forms.Form):
    until = forms.DateTimeField(
        label=gettext_lazy("Délai accordé jusqu'au (heure de Paris)"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%d/%m/%Y %H:%M"],
    )
    reason = forms.CharField(
        label=gettext_lazy("Motif du délai"),
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": gettext_lazy("Indiquez le motif du délai accordé.")},
    )

    def clean_until(self):
        until = self.cleaned_data["until"]
        if until <= timezone.now():
            raise forms.ValidationError(_("Le délai doit être dans le futur."))
        return until


class DecideForm(forms.Form):
    # No outcome is chosen in advance: the coordination picks one, or is asked to.
    decision = forms.ChoiceField(
        label=gettext_lazy("Décision"),
        choices=Decision.choices,
        widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
        error_messages={"required": gettext_lazy("Choisissez la décision.")},
    )
    amount = money_field(gettext_lazy("Montant attribué (€)"), required=False)
    reason = forms.CharField(
        label=gettext_lazy("Motif"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )

    def clean(self):
        data = super().clean()
        if data.get("decision") == Decision.ACCEPTED and not data.get("amount"):
            self.add_error("amount", _("Indiquez le montant attribué."))
        return data


class ListFilterForm(forms.Form):
    state = forms.ChoiceField(label=gettext_lazy("État"), required=False)

    def __init__(self, *args, **kwargs):
        from lanterne.dossiers.enums import DossierState

        super().__init__(*args, **kwargs)
        self.fields["state"].choices = [("", _("Tous")), *DossierState.choices]
