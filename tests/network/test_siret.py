import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from lanterne.network.validators import normalise_phone, normalise_siret
from tests.network.factories import StructureFactory

VALID_SIRET = "73282932000074"


def test_valid_siret_is_kept():
    """A SIRET whose Luhn key is right is accepted as is."""
    assert normalise_siret(VALID_SIRET) == VALID_SIRET


def test_spaces_and_dots_are_normalised():
    """Users type SIRETs grouped with spaces or dots; they are stored as 14 digits."""
    assert normalise_siret("732 829 320 00074") == VALID_SIRET
    assert normalise_siret("732.829.320.00074") == VALID_SIRET


def test_invalid_checksum_is_refused_with_a_clear_message():
    """A wrong control key says so, in French."""
    with pytest.raises(ValidationError) as error:
        normalise_siret("73282932000075")
    assert "clé de contrôle" in error.value.messages[0]


def test_wrong_length_is_refused():
    """A SIRET has 14 digits: the message says so."""
    with pytest.raises(ValidationError) as error:
        normalise_siret("7328293200007")
    assert "14 chiffres" in error.value.messages[0]


def test_letters_are_refused():
    with pytest.raises(ValidationError) as error:
        normalise_siret("7328293200007A")
    assert error.value.code == "siret_format"


@given(st.text(alphabet="0123456789", min_size=14, max_size=14))
def test_any_fourteen_digits_are_either_valid_or_refused_by_key(digits):
    """Fourteen digits never fail on format: only the control key can refuse them."""
    try:
        assert normalise_siret(digits) == digits
    except ValidationError as error:
        assert error.code == "siret_checksum"


@pytest.mark.django_db
def test_structure_clean_normalises_siret_and_phone():
    """Saving a structure through full_clean stores the SIRET compact and the phone in E.164."""
    structure = StructureFactory.build(
        siret="732 829 320 00074", phone="05 61 25 22 55", commune=None
    )
    structure.full_clean(exclude=["commune"])
    assert structure.siret == VALID_SIRET
    assert structure.phone == "+33561252255"


@pytest.mark.django_db
def test_structure_clean_reports_siret_error_on_the_field():
    """A bad SIRET is reported on the SIRET field, not as a global error."""
    structure = StructureFactory.build(siret="73282932000075", commune=None)
    with pytest.raises(ValidationError) as error:
        structure.full_clean(exclude=["commune"])
    assert "siret" in error.value.message_dict


def test_phone_that_does_not_exist_is_refused():
    with pytest.raises(ValidationError):
        normalise_phone("01 23")
