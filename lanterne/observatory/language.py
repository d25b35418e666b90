"""The observatory's own texts (indicators' labels and definitions, method notes) are stored in
French and in English; pages show the active language's."""

from django.utils.translation import get_language


def in_language(french: str, english: str) -> str:
    """`english` on English pages when there is one, `french` otherwise: the network writes
    these texts in French first, then translates them."""
    if english and (get_language() or "fr").startswith("en"):
        return english
    return french
