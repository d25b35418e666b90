import re

import phonenumbers
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from stdnum.exceptions import InvalidChecksum, InvalidFormat, InvalidLength
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.fr import siret


def normalise_siret(value: str) -> str:
    """Validate a SIRET with python-stdnum and return its 14 digits without spaces."""
    try:
        return siret.validate(value)
    except InvalidChecksum as error:
        raise ValidationError(
            _("Ce SIRET n'est pas valide : la clé de contrôle ne correspond pas."),
            code="siret_checksum",
        ) from error
    except InvalidLength as error:
        raise ValidationError(_("Un SIRET compte 14 chiffres."), code="siret_length") from error
    except (InvalidFormat, StdnumError) as error:
        raise ValidationError(
            _("Un SIRET ne contient que des chiffres (les espaces sont acceptés)."),
            code="siret_format",
        ) from error


# The number the Répertoire national des associations gives an association: "W", then the
# three characters of the prefecture that registered it, then six digits. python-stdnum has no
# module for it (stdnum.fr knows SIREN, SIRET, NIF, NIR, RCS, TVA, accise) and the number has
# no check digit, so its shape is all there is to check. The prefecture part is digits except
# for Corsica, whose départements 2A and 2B put a letter in it ("W2A1000123").
RNA_PATTERN = re.compile(r"W[0-9][0-9AB][0-9]{7}")


def normalise_rna(value: str) -> str:
    """Validate an RNA number and return it as the RNA writes it ("W751234567")."""
    number = re.sub(r"[\s.-]", "", value).upper()
    if not RNA_PATTERN.fullmatch(number):
        raise ValidationError(
            _("Un numéro RNA s'écrit W suivi de 9 chiffres, par exemple W751234567."),
            code="rna_format",
        )
    return number


def normalise_phone(value: str, region: str = "FR") -> str:
    """Parse a phone number (French by default) and return it in E.164 form."""
    try:
        number = phonenumbers.parse(value, region)
    except phonenumbers.NumberParseException as error:
        raise ValidationError(
            _("Ce numéro de téléphone n'est pas lisible."), code="phone_format"
        ) from error
    if not phonenumbers.is_valid_number(number):
        raise ValidationError(_("Ce numéro de téléphone n'existe pas."), code="phone_invalid")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def format_phone(value: str) -> str:
    """Display form: national format for French numbers, international otherwise."""
    if not value:
        return ""
    try:
        number = phonenumbers.parse(value, "FR")
    except phonenumbers.NumberParseException:
        return value
    if number.country_code == 33:
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
