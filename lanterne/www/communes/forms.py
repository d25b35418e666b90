"""The commune fields of every form: one commune (`CommuneField`) or several (`CommunesField`).

Both are text inputs that read what people write ("Toulouse (31)", "Toulouse (31555)",
"31555", a former INSEE code, a name borne by a single commune, with or without accents), so
that they work without JavaScript. `commune-combobox.js` turns them into an autocomplete
following the WAI-ARIA combobox pattern, fed by `www:commune_suggestions`. A saved value is
shown as its name and département, never as a bare code.

    from lanterne.www.communes.forms import CommuneField, CommunesField

    class PlaceForm(forms.Form):
        commune = CommuneField(label=_("Commune"), required=False)   # -> Commune | None
        communes = CommunesField(label=_("Communes"), required=False)  # -> list[Commune]
"""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from lanterne.territories.models import Commune
from lanterne.territories.selectors import CommuneMatch, commune_from_text, communes_by_code

# Names of communes hold no comma, semicolon nor line break (checked on the whole COG).
_SEPARATORS = re.compile(r"[,;\n]+")


def _messages() -> dict[str, Any]:
    """What the script says, in the page's language (it has no catalogue of its own)."""
    return {
        "data-suggestions-url": reverse_lazy("www:commune_suggestions"),
        "data-msg-suggestions": _("Suggestions"),
        "data-msg-none": _("Aucune commune trouvée."),
        "data-msg-one": _("1 commune proposée : flèche bas pour la choisir."),
        "data-msg-many": _("%(count)s communes proposées : flèche bas pour les parcourir."),
        "data-msg-chosen": _("%(label)s choisie."),
        "data-msg-added": _("%(label)s ajoutée."),
        "data-msg-removed": _("%(label)s retirée."),
        "data-msg-remove": _("Retirer %(label)s"),
        "data-msg-chosen-list": _("Communes choisies"),
        "data-msg-error": _("Les suggestions ne sont pas disponibles : tapez le nom exact."),
    }


class CommuneInput(forms.TextInput):
    """A text input the script enhances into a combobox."""

    def __init__(self, attrs=None):
        base = {"autocomplete": "off", "spellcheck": "false", "data-commune-combobox": ""}
        super().__init__({**base, **_messages(), **(attrs or {})})


class CommunesInput(forms.Textarea):
    """A text area (one commune per line) the script turns into a combobox and a list of the
    chosen communes, each with its remove button; the text area stays the submitted value."""

    def __init__(self, attrs=None):
        base = {"rows": 3, "spellcheck": "false", "data-communes-combobox": ""}
        super().__init__({**base, **_messages(), **(attrs or {})})


def _label(value) -> str:
    """How a saved value is shown: a Commune, its code (a model form's initial) or a text."""
    if isinstance(value, Commune):
        return value.label
    if value in (None, ""):
        return ""
    commune = Commune.objects.filter(pk=value).first()
    return commune.label if commune else str(value)


def _error(match: CommuneMatch) -> forms.ValidationError:
    names = ", ".join(candidate.label for candidate in match.candidates)
    if match.ambiguous:
        return forms.ValidationError(
            _(
                "Plusieurs communes s'appellent « %(text)s » : %(names)s. Choisissez-la dans "
                "la liste, ou ajoutez son département entre parenthèses, par exemple "
                "« %(example)s »."
            ),
            code="ambiguous",
            params={"text": match.text, "names": names, "example": match.candidates[0].label},
        )
    if match.candidates:
        return forms.ValidationError(
            _("Aucune commune ne s'appelle « %(text)s ». Vouliez-vous dire : %(names)s ?"),
            code="unknown",
            params={"text": match.text, "names": names},
        )
    return forms.ValidationError(
        _(
            "Aucune commune ne correspond à « %(text)s » : tapez les premières lettres de son "
            "nom et choisissez-la dans la liste, ou son code INSEE (par exemple 31555)."
        ),
        code="unknown",
        params={"text": match.text},
    )


def _resolve(text: str) -> Commune:
    match = commune_from_text(text)
    if match.commune is None:
        raise _error(match)
    return match.commune


class CommuneField(forms.CharField):
    """One commune, typed by name (autocomplete) or INSEE code; cleans to a Commune or None."""

    widget = CommuneInput
    default_help_text = _("Tapez les premières lettres du nom, puis choisissez dans la liste.")

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 200)
        kwargs.setdefault("help_text", self.default_help_text)
        super().__init__(**kwargs)

    def prepare_value(self, value):
        return _label(value)

    def clean(self, value):
        # The text is checked as text (required, length), then read as a commune.
        text = super().clean(value).strip()
        return _resolve(text) if text else None

    def has_changed(self, initial, data):
        return _label(initial) != " ".join((data or "").split())


class CommunesField(forms.CharField):
    """Several communes, one per line (or separated by commas); cleans to a list of distinct
    Communes in the order typed. Every line that reads as no commune is named in the error."""

    widget = CommunesInput
    default_help_text = _(
        "Tapez les premières lettres du nom de chaque commune, puis choisissez dans la liste."
    )

    def __init__(self, *, max_communes: int = 200, **kwargs):
        self.max_communes = max_communes
        kwargs.setdefault("help_text", self.default_help_text)
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, str):
            return value
        values = list(value or ())
        known = communes_by_code([v for v in values if isinstance(v, str)])
        return "\n".join(_label(known.get(v, v) if isinstance(v, str) else v) for v in values)

    def clean(self, value):
        text = super().clean(value)
        lines = [" ".join(line.split()) for line in _SEPARATORS.split(text)]
        lines = list(dict.fromkeys(line for line in lines if line))
        if len(lines) > self.max_communes:
            raise forms.ValidationError(
                ngettext(
                    "Au plus %(count)s commune.",
                    "Au plus %(count)s communes.",
                    self.max_communes,
                )
                % {"count": self.max_communes},
                code="too_many",
            )
        communes, errors = [], []
        for line in lines:
            try:
                communes.append(_resolve(line))
            except forms.ValidationError as error:
                errors.append(error)
        if errors:
            raise forms.ValidationError(errors)
        return list({commune.code: commune for commune in communes}.values())


__all__ = ["CommuneField", "CommuneInput", "CommunesField", "CommunesInput"]
