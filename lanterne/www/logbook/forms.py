from django import forms
from django.utils.translation import gettext_lazy as _

from lanterne.core.widgets import Select
from lanterne.dossiers.enums import Typology
from lanterne.logbook.enums import FilmGenre, MemberRole
from lanterne.logbook.models import Consent, Film, Member
from lanterne.projects.enums import AgeBand
from lanterne.territories.models import Region


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field (Django's own recipe)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data]
        return [single(data, initial)] if data else []


class MembersField(forms.ModelMultipleChoiceField):
    def __init__(self, **kwargs):
        kwargs.setdefault("queryset", Member.objects.none())
        kwargs.setdefault("required", False)
        kwargs.setdefault("widget", forms.CheckboxSelectMultiple)
        super().__init__(**kwargs)

    def label_from_instance(self, obj):
        return f"{obj.display_name} ({obj.role_label})"


class PostForm(forms.Form):
    body = forms.CharField(
        label=_("Texte"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Ce qui s'est passé à la séance, sans nom de famille."),
    )
    files = MultipleFileField(
        label=_("Photos ou courtes vidéos"),
        required=False,
        help_text=_(
            "JPEG, PNG, MP4, WebM ou MOV. Les photos sont redimensionnées et leurs données "
            "cachées (appareil, date, position GPS) sont effacées."
        ),
    )
    description = forms.CharField(
        label=_("Description des images"),
        required=False,
        max_length=300,
        help_text=_("Ce que montrent les images, pour qui ne les voit pas."),
    )
    appears = MembersField(
        label=_("Qui apparaît sur les images ?"),
        help_text=_(
            "Cochez chaque personne reconnaissable : l'image ne sort du carnet que si chacune "
            "a autorisé cet usage."
        ),
    )

    def __init__(self, *args, group, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["appears"].queryset = group.members.filter(is_active=True)


class AppearancesForm(forms.Form):
    appears = MembersField(label=_("Qui apparaît sur cette image ?"))

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["appears"].queryset = members


class CommentForm(forms.Form):
    body = forms.CharField(label=_("Commentaire"), widget=forms.Textarea(attrs={"rows": 2}))


class RejectForm(forms.Form):
    reason = forms.CharField(
        label=_("Motif du refus"), widget=forms.Textarea(attrs={"rows": 2}), max_length=1000
    )


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("Motif du retrait"), widget=forms.Textarea(attrs={"rows": 2}), max_length=1000
    )


class MemberForm(forms.Form):
    role = forms.ChoiceField(label=_("Rôle"), choices=MemberRole.choices, widget=Select)
    display_name = forms.CharField(
        label=_("Prénom ou pseudonyme"),
        max_length=60,
        help_text=_("Un prénom ou un pseudonyme, sans nom de famille."),
    )
    age_band = forms.ChoiceField(
        label=_("Tranche d'âge"),
        required=False,
        choices=[("", _("— (adulte)")), *AgeBand.choices],
        widget=Select,
        help_text=_("Pour les jeunes : la tranche d'âge seulement, jamais la date de naissance."),
    )


class ConsentForm(forms.ModelForm):
    class Meta:
        model = Consent
        fields = [
            "signatories",
            "minor_agreed",
            "allows_group",
            "allows_network",
            "allows_public",
            "allows_festivals",
            "allows_archive",
            "signed_on",
            "expires_on",
            "proof",
            "scan",
            "online_signed_at",
            "online_reference",
        ]
        widgets = {
            "signed_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "expires_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "online_signed_at": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            ),
            "signatories": Select,
            "proof": Select,
        }
        help_texts = {"scan": _("PDF, JPEG ou PNG.")}


class FilmForm(forms.ModelForm):
    appears = MembersField(
        label=_("Qui apparaît dans le film ?"),
        help_text=_("Chaque personne reconnaissable, à l'image ou au générique."),
    )
    video = forms.FileField(
        label=_("Fichier vidéo"), required=False, help_text=_("MP4, WebM ou MOV.")
    )

    class Meta:
        model = Film
        fields = ["genre", "partner_cinema", "age_band", "participants"]
        widgets = {"genre": Select, "age_band": Select}

    def __init__(self, *args, group, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["appears"].queryset = group.members.filter(is_active=True)
        if self.instance.pk:
            self.fields["appears"].initial = list(
                self.instance.appears.values_list("pk", flat=True)
            )


class GalleryFilterForm(forms.Form):
    region = forms.ChoiceField(label=_("Région"), required=False, widget=Select)
    year = forms.TypedChoiceField(
        label=_("Année"), required=False, coerce=int, empty_value=None, widget=Select
    )
    genre = forms.ChoiceField(label=_("Genre"), required=False, widget=Select)
    typology = forms.ChoiceField(label=_("Typologie"), required=False, widget=Select)

    def __init__(self, *args, years: list[int], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].choices = [
            ("", _("Toutes les régions")),
            *Region.objects.order_by("name").values_list("code", "name"),
        ]
        self.fields["year"].choices = [("", _("Toutes les années")), *((y, y) for y in years)]
        self.fields["genre"].choices = [("", _("Tous les genres")), *FilmGenre.choices]
        self.fields["typology"].choices = [("", _("Toutes les typologies")), *Typology.choices]

    def filters(self) -> dict:
        if not self.is_bound:
            return {}
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value}
