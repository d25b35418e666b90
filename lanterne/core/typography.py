"""Punctuation that French and English write differently: French puts a space before « : » and
« ; », English does not. The punctuation belongs to the translated strings, so that an
English page carries no French typography around translated words or people's content."""

from collections.abc import Iterable

from django.utils.translation import gettext as _
from django.utils.translation import pgettext


def labelled(label: str) -> str:
    """A label and its colon: « Typologie : », « Typology: »."""
    return _("%(label)s :") % {"label": label}


def list_separator() -> str:
    """What separates clauses of a list: « ; » after a space in French, without in English."""
    return pgettext("list separator", " ; ")


def listed(items: Iterable) -> str:
    """Clauses one after the other: « a ; b » in French, « a; b » in English."""
    return list_separator().join(str(item) for item in items)
