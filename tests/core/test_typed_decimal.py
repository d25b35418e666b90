"""Amounts are read as people type them in French, whatever space they use."""

from decimal import Decimal

import pytest
from django import forms

from lanterne.core.forms import EurosField, TypedDecimalField


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("4000", "4000"),
        ("4 000", "4000"),
        ("4\u00a0000", "4000"),
        ("4\u202f000,50", "4000.50"),
        ("4000.5", "4000.50"),
        ("4 000 €", "4000"),
        (" 12,3 ", "12.30"),
    ],
)
def test_amounts_typed_the_french_way(typed, expected):
    assert EurosField().clean(typed) == Decimal(expected)


@pytest.mark.parametrize("typed", ["quatre mille", "4.000,00", "12,345", "-5"])
def test_nonsense_is_refused_with_a_message(typed):
    with pytest.raises(forms.ValidationError):
        EurosField(min_value=0).clean(typed)


def test_percentages_accept_the_sign():
    assert TypedDecimalField(max_digits=5, decimal_places=2).clean("60 %") == Decimal("60")
