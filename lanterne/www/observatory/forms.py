from django import forms
from django.utils.translation import gettext_lazy as _

from lanterne.observatory.enums import ValueStatus
from lanterne.observatory.services import EntryInput, check_entries


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
        from lanterne.observatory.models import Campaign

        slug = self.cleaned_data["slug"]
        if Campaign.objects.filter(slug=slug).exists():
            raise forms.ValidationError(_("Cet identifiant est déjà pris."))
        return slug
