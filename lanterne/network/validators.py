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
