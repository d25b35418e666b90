from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from lanterne.core.privacy import NO_MINOR_NAMES
from lanterne.network.enums import StructureKind
from lanterne.network.models import Structure
from lanterne.observatory.enums import ValueStatus
from lanterne.observatory.models import Campaign, Indicator
from lanterne.observatory.services import (
    INDICATOR_FIELDS,
    EntryInput,
    check_entries,
    indicator_code_error,
)


class ReturnForm(forms.Form):
    """One group of fields per indicator: value or *non transmis*, counting note, comment,
    and the reason for a large change against last year."""

    def __init__(self, *args, indicators, values, previous, **kwargs):
        super().__init__(*args, **kwargs)
        self.indicators = list(indicators)
        self.previous = previous
        for indicator in self.indicators:
            value = values.get(indicator.pk)
            prefix = f"i{indicator.pk}"
            self.fields[f"{prefix}_amount"] = forms.IntegerField(
                label=_("Valeur (%(unit)s)") % {"unit": indicator.unit_label},
                min_value=0,
                required=False,
                initial=value.amount if value else None,
                error_messages={
                    "invalid": _("Saisissez un nombre entier."),
                    "min_value": _("Saisissez un nombre positif ou nul."),
                },
                widget=forms.NumberInput(attrs={"inputmode": "numeric", "step": 1}),
            )
            self.fields[f"{prefix}_not_transmitted"] = forms.BooleanField(
                label=_("Non transmis"),
                required=False,
                initial=bool(value and value.status == ValueStatus.NOT_TRANSMITTED),
            )
            self.fields[f"{prefix}_counting_note"] = forms.CharField(
                label=_("Votre méthode de comptage"),
                required=False,
                initial=value.counting_note if value else "",
                widget=forms.Textarea(attrs={"rows": 2}),
            )
            self.fields[f"{prefix}_comment"] = forms.CharField(
                label=_("Commentaire"),
                required=False,
                help_text=NO_MINOR_NAMES,
                initial=value.comment if value else "",
                widget=forms.Textarea(attrs={"rows": 2}),
            )
            self.fields[f"{prefix}_change_reason"] = forms.CharField(
                label=_("Raison d'un écart de plus de moitié avec l'an dernier"),
                required=False,
                initial=value.change_reason if value else "",
            )

    def groups(self):
        """(indicator, its bound fields, last year's figure) in the indicators' order."""
        for indicator in self.indicators:
            prefix = f"i{indicator.pk}"
            yield {
                "indicator": indicator,
                "amount": self[f"{prefix}_amount"],
                "not_transmitted": self[f"{prefix}_not_transmitted"],
                "counting_note": self[f"{prefix}_counting_note"],
                "comment": self[f"{prefix}_comment"],
                "change_reason": self[f"{prefix}_change_reason"],
                "previous": self.previous.get(indicator.code),
            }

    def entries(self) -> list[EntryInput]:
        data = self.cleaned_data
        return [
            EntryInput(
                indicator=indicator,
                amount=data.get(f"i{indicator.pk}_amount"),
                not_transmitted=bool(data.get(f"i{indicator.pk}_not_transmitted")),
                counting_note=data.get(f"i{indicator.pk}_counting_note", ""),
                comment=data.get(f"i{indicator.pk}_comment", ""),
                change_reason=data.get(f"i{indicator.pk}_change_reason", ""),
            )
            for indicator in self.indicators
        ]

    def clean(self):
        cleaned = super().clean()
        if any(self.errors):
            return cleaned
        self.add_check_errors(check_entries(self.entries(), self.previous))
        return cleaned

    def add_check_errors(self, errors: dict[str, list[str]]) -> None:
        codes = {i.code: i for i in self.indicators}
        for code, messages in errors.items():
            indicator = codes.get(code)
            for message in messages:
                self.add_error(f"i{indicator.pk}_amount" if indicator else None, message)


class ReviewForm(forms.Form):
    reason = forms.CharField(
        label=_("Motif du renvoi (obligatoire pour renvoyer)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class CampaignCopyForm(forms.Form):
    name = forms.CharField(label=_("Nom de la nouvelle campagne"), max_length=200)
    slug = forms.SlugField(label=_("Identifiant d'URL"), max_length=220)

    def clean_slug(self):
        slug = self.cleaned_data["slug"]
        if Campaign.objects.filter(slug=slug).exists():
            raise forms.ValidationError(_("Cet identifiant est déjà pris."))
        return slug


class CampaignForm(forms.ModelForm):
    """What the network admin defines for a campaign; indicators have their own form."""

    all_poles = forms.BooleanField(
        label=_("Ajouter toutes les structures porteuses d'un pôle régional"),
        required=False,
    )

    class Meta:
        from lanterne.observatory.models import Campaign

        model = Campaign
        fields = [
            "name",
            "slug",
            "year",
            "previous",
            "first_returns_due",
            "checkpoint_on",
            "consolidation_on",
            "method_notes",
            "method_notes_en",
            "structures",
        ]
        labels = {"year": _("Année de la collecte")}
        help_texts = {
            "year": _(
                "2024 pour une collecte qui couvre l'année scolaire 2024-2025 et l'année civile "
                "2024 ; chaque indicateur dit laquelle."
            ),
            "slug": _("Lettres minuscules, chiffres et tirets, par ex. panorama-2025-2026."),
            "structures": _("Les structures qui rendent compte à cette campagne."),
        }
        widgets = {
            "first_returns_due": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "checkpoint_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "consolidation_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "method_notes": forms.Textarea(attrs={"rows": 5}),
            "method_notes_en": forms.Textarea(attrs={"rows": 5}),
            "structures": forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
        }
        error_messages = {"slug": {"unique": _("Cet identifiant est déjà pris.")}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        instance = self.instance
        previous = Campaign.objects.order_by("-year", "name")
        if instance.pk:
            previous = previous.exclude(pk=instance.pk)
        self.fields["previous"].queryset = previous
        # The network's own structures, plus any already reporting: applicants never report.
        network = Q(kind__in=[StructureKind.POLE, StructureKind.PI_COORDINATION])
        network |= Q(poles__isnull=False) | Q(coordinations__isnull=False)
        if instance.pk:
            network |= Q(observatory_campaigns=instance)
        self.fields["structures"].queryset = Structure.objects.filter(
            pk__in=Structure.objects.filter(network).values("pk")
        ).order_by("name")
        self.fields["structures"].required = False
        self.fields["previous"].required = False

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("all_poles"):
            chosen = list(cleaned.get("structures") or [])
            carriers = Structure.objects.filter(poles__isnull=False).distinct().order_by("name")
            chosen_ids = {s.pk for s in chosen}
            cleaned["structures"] = chosen + [s for s in carriers if s.pk not in chosen_ids]
        return cleaned

    def campaign_fields(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("all_poles", None)
        return data


class IndicatorForm(forms.ModelForm):
    """An indicator of one campaign; the service checks what spans several rows."""

    class Meta:
        model = Indicator
        fields = list(INDICATOR_FIELDS)
        help_texts = {
            "code": _(
                "Stable d'une année à l'autre : lettres minuscules, chiffres et tirets bas (_)."
            ),
            "parent": _(
                "Pour une décomposition (par ex. bénéficiaires par programme) : le total "
                "qu'elle décompose, dont elle garde l'unité, la période et le public."
            ),
            "public_kind": _("Les relais ne sont jamais ajoutés au total des bénéficiaires."),
            "share_group": _("Les décompositions d'un même groupe sont montrées en part du total."),
            "position": _("Les indicateurs sont présentés dans cet ordre."),
        }
        widgets = {
            "definition": forms.Textarea(attrs={"rows": 3}),
            "definition_en": forms.Textarea(attrs={"rows": 3}),
            "counting_method": forms.Textarea(attrs={"rows": 3}),
            "counting_method_en": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, campaign, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.campaign = campaign
        totals = campaign.indicators.filter(parent__isnull=True).order_by("position", "code")
        if self.instance.pk:
            totals = totals.exclude(pk=self.instance.pk)
        self.fields["parent"].queryset = totals
        self.fields["parent"].label_from_instance = lambda i: f"{i.code} — {i.label}"
        self.fields["parent"].empty_label = _("(aucun : c'est un total)")
        self.fields["share_group"].required = False

    def clean_code(self):
        code = self.cleaned_data["code"]
        # A code kept as it was stays valid, even one written before the current rule.
        if code != self.initial.get("code"):
            message = indicator_code_error(code)
            if message:
                raise forms.ValidationError(message)
        return code
