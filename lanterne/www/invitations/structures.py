"""The structure an invitation is for, chosen by name among the user's perimeter (which holds
50 000 structures nationally): a text field the combobox of `commune-combobox.js` completes
from `invitations:structure_suggestions`, with a hidden field that keeps the structure chosen.

Without the script, the text alone is read: a SIRET, or a structure's exact label or name
within the perimeter. Only structures of the field's queryset (the perimeter) are ever
suggested or accepted."""

from __future__ import annotations

from django import forms
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from lanterne.core.text import fold
from lanterne.network.models import Structure

# How many structures a term suggests, and names an error lists.
SUGGESTIONS = 20
NAMED = 5


def structure_label(structure: Structure) -> str:
    """How a structure is named in the field: its name and commune, which tell most apart."""
    commune = structure.commune if structure.commune_id else None
    return f"{structure.name} ({commune.name})" if commune else structure.name


def structure_detail(structure: Structure) -> str:
    commune = structure.commune if structure.commune_id else None
    departement = commune.departement.name if commune and commune.departement_id else ""
    return ", ".join(filter(None, [structure.kind_label, departement]))


def _messages() -> dict:
    return {
        "data-suggestions-url": reverse_lazy("invitations:structure_suggestions"),
        "data-msg-suggestions": _("Suggestions"),
        "data-msg-none": _("Aucune structure trouvée."),
        "data-msg-one": _("1 structure proposée : flèche bas pour la choisir."),
        "data-msg-many": _("%(count)s structures proposées : flèche bas pour les parcourir."),
        "data-msg-chosen": _("%(label)s choisie."),
        "data-msg-error": _("Les suggestions ne sont pas disponibles : tapez le nom exact."),
    }


class StructureComboboxInput(forms.MultiWidget):
    """The structure chosen (hidden, named as the field) and the text typed (`<name>_label`,
    the input the label names and the script turns into a combobox)."""

    template_name = "django/forms/widgets/multiwidget.html"

    def __init__(self, attrs=None):
        text = forms.TextInput(
            attrs={"autocomplete": "off", "spellcheck": "false", "data-combobox": ""} | _messages()
        )
        super().__init__({"": forms.HiddenInput(), "label": text}, attrs)

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        hidden, text = context["widget"]["subwidgets"]
        # The script writes the structure chosen into the hidden input.
        text["attrs"]["data-combobox-value"] = hidden["attrs"].get("id", "")
        hidden["attrs"].pop("class", None)
        for attribute in ("aria-describedby", "aria-invalid"):
            hidden["attrs"].pop(attribute, None)
        # Django describes no part of a multi-part widget: the input typed in is described
        # by the field's help text (and its error), as `includes/field.html` writes them.
        field_id = (attrs or {}).get("id") or self.attrs.get("id")
        if field_id:
            described = [f"{field_id}_helptext"]
            if text["attrs"].get("aria-invalid"):
                described.append(f"{field_id}_error")
            text["attrs"]["aria-describedby"] = " ".join(described)
        return context

    def id_for_label(self, id_):
        return f"{id_}_1" if id_ else ""

    def decompress(self, value):
        return [value, ""] if value else ["", ""]


class StructureChoiceField(forms.ModelChoiceField):
    """One structure of `queryset`, chosen in the combobox or typed; cleans to a Structure or
    None."""

    widget = StructureComboboxInput

    def __init__(self, **kwargs):
        kwargs.setdefault(
            "help_text", _("Tapez les premières lettres du nom, puis choisissez dans la liste.")
        )
        super().__init__(queryset=Structure.objects.none(), **kwargs)

    def prepare_value(self, value):
        """A saved or initial value shows the structure's label beside its id."""
        if isinstance(value, list | tuple):
            return list(value)
        if isinstance(value, Structure):
            return [value.pk, structure_label(value)]
        if value in (None, ""):
            return ["", ""]
        found = self.queryset.select_related("commune").filter(pk=value).first()
        return [value, structure_label(found) if found else ""]

    def to_python(self, value):
        if isinstance(value, list | tuple):
            chosen, text = [*value, "", ""][:2]
        else:
            chosen, text = value, ""
        text = " ".join((text or "").split())
        if chosen not in self.empty_values:
            structure = super().to_python(chosen)
            # Chosen in the list (or sent without a text, as before the combobox): kept. A text
            # typed over it afterwards is read instead.
            if structure is not None and (not text or text == structure_label(structure)):
                return structure
        if not text:
            return None
        return self._from_text(text)

    def _from_text(self, text: str) -> Structure:
        structures = self.queryset.select_related("commune")
        compact = text.replace(" ", "")
        if compact.isdigit() and len(compact) == 14:
            found = structures.filter(siret=compact).first()
            if found is not None:
                return found
        folded = fold(text)
        # The words of the name and the commune, without the label's parentheses.
        candidates = list(structures.search(text.replace("(", " ").replace(")", " "))[:200])
        exact = [s for s in candidates if fold(structure_label(s)) == folded]
        if len(exact) != 1:
            exact = exact or [s for s in candidates if fold(s.name) == folded]
        if len(exact) == 1:
            return exact[0]
        names = ", ".join(structure_label(s) for s in (exact or candidates)[:NAMED])
        if exact:
            raise forms.ValidationError(
                _(
                    "Plusieurs structures de votre périmètre s'appellent « %(text)s » : "
                    "%(names)s. Choisissez-la dans la liste."
                ),
                code="ambiguous",
                params={"text": text, "names": names},
            )
        if candidates:
            raise forms.ValidationError(
                _(
                    "Aucune structure de votre périmètre ne s'appelle « %(text)s ». "
                    "Vouliez-vous dire : %(names)s ?"
                ),
                code="unknown",
                params={"text": text, "names": names},
            )
        raise forms.ValidationError(
            _(
                "Aucune structure de votre périmètre ne correspond à « %(text)s » : tapez les "
                "premières lettres de son nom et choisissez-la dans la liste."
            ),
            code="unknown",
            params={"text": text},
        )

    def has_changed(self, initial, data):
        return super().has_changed(initial, data[0] if isinstance(data, list | tuple) else data)
