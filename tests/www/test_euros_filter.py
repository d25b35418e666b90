from decimal import Decimal

import pytest
from django.utils import translation

from lanterne.www.templatetags.lanterne_tags import euros


@pytest.mark.parametrize("value", [None, "", "abc", object()])
def test_a_value_that_is_no_amount_reads_unknown_never_zero(value):
    with translation.override("fr"):
        assert euros(value) == "—"


def test_an_amount_is_written_in_euros():
    with translation.override("fr"):
        written = euros(Decimal("5000"))
        assert written.startswith("5") and "000,00" in written and written.endswith("€")
        assert euros("12.5").endswith("€")
        assert "12,50" in euros("12.5")
