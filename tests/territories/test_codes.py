"""Validation of INSEE and QPV codes, property-tested."""

import csv
import gzip
import string

from hypothesis import given
from hypothesis import strategies as st

from lanterne.territories.importers import (
    SHIPPED_COG_DIR,
    departement_of,
    is_commune_code,
    is_departement_code,
    is_qpv_code,
    is_region_code,
)

METRO = [f"{n:02d}" for n in range(1, 96) if n != 20] + ["2A", "2B"]
OVERSEAS = ["971", "972", "973", "974", "976"]
DEPARTEMENTS = METRO + OVERSEAS

departements = st.sampled_from(DEPARTEMENTS)
digits = st.text(string.digits, min_size=1, max_size=3)
code_chars = st.text(string.digits + string.ascii_uppercase, min_size=0, max_size=7)


@given(st.integers(0, 99))
def test_region_code_is_two_digits(number):
    """A région code is exactly two digits (01 Guadeloupe … 94 Corse)."""
    assert is_region_code(f"{number:02d}")
    assert is_region_code(str(number)) == (number >= 10)
    assert not is_region_code(f"{number:03d}")


@given(departements)
def test_every_departement_code_is_accepted(code):
    """01–95 (without 20), 2A, 2B and 971–976 are département codes."""
    assert is_departement_code(code)


@given(code_chars)
def test_anything_else_is_not_a_departement_code(code):
    """No other string is a département code (not 20, 96, 975, 977, 2C…)."""
    assert is_departement_code(code) == (code in DEPARTEMENTS)


@given(departements, st.integers(0, 999))
def test_commune_code_is_its_departement_then_the_rest(departement, number):
    """A commune code has 5 characters: département + 3 digits, or a DROM's 3 + 2 digits."""
    width = 5 - len(departement)
    code = f"{departement}{number % 10**width:0{width}d}"
    assert is_commune_code(code)
    assert departement_of(code) == departement


@given(code_chars)
def test_commune_code_needs_a_departement_prefix(code):
    """A 5-character code is a commune code only if it starts with a département code."""
    expected = len(code) == 5 and code[2:].isdigit() and departement_of(code) in DEPARTEMENTS
    assert is_commune_code(code) == expected


def test_awkward_real_codes():
    """Ajaccio, Bastia, Saint-Laurent-du-Maroni and Mamoudzou pass; Corsica's pre-1976 20 fails."""
    for code in ["2A004", "2B033", "97311", "97611", "01001", "95690"]:
        assert is_commune_code(code), code
    for code in ["20004", "2C004", "97511", "98735", "9731", "973111", "2a004", "3155٥"]:
        assert not is_commune_code(code), code


def test_every_shipped_commune_code_is_valid():
    """The 34 920 codes shipped with Lanterne all pass the validation the importer applies."""
    with gzip.open(SHIPPED_COG_DIR / "communes.csv.gz", "rt", encoding="utf-8") as handle:
        codes = [row["code"] for row in csv.DictReader(handle)]
    assert len(codes) > 34_000
    assert all(is_commune_code(code) for code in codes)


@given(
    st.sampled_from([f"0{d}" for d in METRO] + OVERSEAS),
    st.integers(0, 99),
    st.sampled_from(string.ascii_uppercase),
)
def test_qpv_codes_of_2024(departement, order, letter):
    """QPV since 2024: QN + département on 3 characters + 2 digits + a letter (QN07501M)."""
    assert is_qpv_code(f"QN{departement}{order:02d}{letter}")


@given(st.sampled_from([f"0{d}" for d in METRO] + OVERSEAS), st.integers(0, 999))
def test_qpv_codes_of_2015(departement, order):
    """QPV 2015-2023: QP + département on 3 characters + 3 digits (QP075001)."""
    assert is_qpv_code(f"QP{departement}{order:03d}")


@given(code_chars.map(lambda text: "Q" + text))
def test_other_strings_are_not_qpv_codes(code):
    """Anything not shaped like QN…/QP… is refused, e.g. QX07501M, QN0750M, QP07500A."""
    shaped = (code[:2] == "QN" and len(code) == 8 and code[7].isalpha()) or (
        code[:2] == "QP" and len(code) == 8 and code[5:].isdigit()
    )
    if not shaped:
        assert not is_qpv_code(code)


def test_documented_qpv_examples():
    """QN07501M and QP075001 are valid; lowercase and wrong lengths are not."""
    assert is_qpv_code("QN07501M")
    assert is_qpv_code("QP075001")
    assert is_qpv_code("QN97101M")
    assert not is_qpv_code("qn07501m")
    assert not is_qpv_code("QN0750101M")
    assert not is_qpv_code("QN02001M")
