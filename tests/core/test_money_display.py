"""Amounts and shares are written in the reader's language: the separators and the words
around a number looked up once per language give what Django's `number_format` gives, and a
language switch in the middle of a request is followed."""

from decimal import Decimal

import pytest
from django.utils import formats, translation

from lanterne.core.money import format_euros, format_percent

AMOUNTS = ["0", "-0.004", "0.5", "999.995", "1000", "-1234567.891", "12345678901.2"]


@pytest.mark.parametrize("language", ["fr", "en"])
@pytest.mark.parametrize("raw", AMOUNTS)
def test_an_amount_is_grouped_as_django_groups_it(language, raw):
    """The thousands and the decimals as the language writes them."""
    value = Decimal(raw)
    with translation.override(language):
        rounded = value.quantize(Decimal("0.01"), rounding="ROUND_HALF_UP")
        expected = formats.number_format(rounded, 2, force_grouping=True)
        assert format_euros(value).startswith(expected)


def test_switching_language_switches_the_separators_and_the_words():
    """French, then English, then French again: each in its own writing."""
    with translation.override("fr"):
        assert format_euros(Decimal("5200")) == "5\xa0200,00 €"
        assert format_percent(Decimal("0.4435")) == "44,4 %"
    with translation.override("en"):
        assert format_euros(Decimal("5200")) == "5,200.00 €"
        assert format_percent(Decimal("0.4435")) == "44.4%"
    with translation.override("fr"):
        assert format_euros(Decimal("5200")) == "5\xa0200,00 €"
