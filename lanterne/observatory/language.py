"""The observatory's own texts (indicators' labels and definitions, method notes) are stored in
French and in English; pages show the active language's."""

from typing import Protocol

from django.utils.translation import get_language


def in_language(french: str, english: str) -> str:
    """`english` on English pages when there is one, `french` otherwise: the network writes
    these texts in French first, then translates them."""
    if english and (get_language() or "fr").startswith("en"):
        return english
    return french


class _IndicatorTexts(Protocol):
    # Read-only: the consolidation's copy of an indicator is frozen.
    @property
    def label_fr(self) -> str: ...
    @property
    def label_en(self) -> str: ...
    @property
    def definition(self) -> str: ...
    @property
    def definition_en(self) -> str: ...
    @property
    def counting_method(self) -> str: ...
    @property
    def counting_method_en(self) -> str: ...


class IndicatorTexts:
    """An indicator's label, definition and counting method in the active language: the same
    for the model (`Indicator`) and for the consolidation's copy of it (`IndicatorInfo`)."""

    @property
    def label(self: _IndicatorTexts) -> str:
        return in_language(self.label_fr, self.label_en)

    @property
    def definition_text(self: _IndicatorTexts) -> str:
        return in_language(self.definition, self.definition_en)

    @property
    def counting_method_text(self: _IndicatorTexts) -> str:
        return in_language(self.counting_method, self.counting_method_en)
