"""A share shown beside its limit is precise enough to see on which side of it it falls."""

from decimal import Decimal
from fractions import Fraction

import pytest
from django.utils import translation

from lanterne.core.money import format_limit_percent, format_percent_against


@pytest.mark.parametrize(
    ("ratio", "limit", "expected"),
    [
        (Fraction(1, 2), Fraction(1, 2), "50,0 %"),  # equal: one decimal
        (Fraction(504, 1000), Fraction(1, 2), "50,4 %"),  # over by 0.4: one decimal suffices
        (Fraction(5004, 10000), Fraction(1, 2), "50,04 %"),  # « 50,0 % » would hide it
        (Fraction(200000, 333333), Fraction(3, 5), "60,0001 %"),  # 60.00006 %
        (Fraction(200000, 333334), Fraction(3, 5), "59,9999 %"),  # 59.99988 %: under
        (Fraction(4999, 10000), Fraction(1, 2), "49,99 %"),  # under, never « 50,0 % »
        (Fraction(1, 3), Fraction(1, 2), "33,3 %"),  # far from it: as usual
    ],
)
def test_a_share_is_shown_precisely_against_its_limit(ratio, limit, expected):
    with translation.override("fr"):
        assert format_percent_against(ratio, limit).replace("\xa0", " ") == expected


def test_a_share_ever_so_slightly_over_never_reads_as_equal():
    """A millionth of a percent over: the most decimals are shown, and they differ."""
    limit = Fraction(3, 5)
    ratio = limit + Fraction(1, 10**9)
    with translation.override("en"):
        text = format_percent_against(ratio, limit)
    assert text != format_percent_against(limit, limit)


@pytest.mark.parametrize(
    ("limit", "expected"),
    [(Decimal("0.6"), "60 %"), (Decimal("0.605"), "60,5 %"), (Decimal("0.3333"), "33,33 %")],
)
def test_a_limit_is_written_as_the_call_gives_it(limit, expected):
    with translation.override("fr"):
        assert format_limit_percent(limit).replace("\xa0", " ") == expected
