"""Money and shares: exact `Decimal` values everywhere, rounded only for display, here."""

import datetime
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from functools import lru_cache

from django.core.signals import setting_changed
from django.utils import formats, numberformat, timezone
from django.utils.translation import get_language, gettext_noop
from django.utils.translation import gettext as _

CENT = Decimal("0.01")

# A list of dossiers formats a few dozen amounts, shares and days for each one (the
# eligibility texts): what depends on the language alone (separators, grouping, the words
# around a number, a day's name) is looked up once per language, not once per value.


def _language() -> str:
    return get_language() or "fr"


@lru_cache(maxsize=32)
def _number_style(language: str) -> tuple[str, int, str]:
    """The language's decimal separator, grouping and thousand separator."""
    return (
        formats.get_format("DECIMAL_SEPARATOR", language),
        formats.get_format("NUMBER_GROUPING", language),
        formats.get_format("THOUSAND_SEPARATOR", language),
    )


@lru_cache(maxsize=32)
def _template(language: str, text: str) -> str:
    """`text` (marked with `gettext_noop`) translated in `language`, the active one."""
    return _(text)


def _number(value: Decimal, places: int) -> str:
    """`formats.number_format(value, places, force_grouping=True)` for a value already rounded
    to `places`: Python's own grouping by thousands, with the language's separators."""
    decimal_separator, grouping, thousand_separator = _number_style(_language())
    if grouping != 3:  # a language that groups otherwise: Django's general routine
        return numberformat.format(
            value,
            decimal_separator,
            places,
            grouping,
            thousand_separator,
            force_grouping=True,
            use_l10n=True,
        )
    if not value:  # « -0,00 » is written « 0,00 », as Django writes it
        value = Decimal(0)
    text = format(value, f",.{places}f")
    return text.translate({ord(","): thousand_separator, ord("."): decimal_separator})


def format_euros(value: Decimal | None) -> str:
    """« 5 200,00 € » in French, « €5,200.00 »-like grouping in English; '—' when unknown."""
    if value is None:
        return "—"
    amount = _number(Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP), 2)
    return _template(_language(), gettext_noop("%(amount)s €")) % {"amount": amount}


def share(part: Decimal, whole: Decimal) -> Decimal | None:
    """`part / whole` as a Decimal ratio (28 significant digits); None when `whole` is 0."""
    if not whole:
        return None
    return Decimal(part) / Decimal(whole)


def format_percent(ratio: "Decimal | Fraction | None", places: int = 1) -> str:
    """The one way a share is shown: « 44,4 % » (`percent_display`'s rounding of the exact
    ratio, in the current language); '—' when there is no share."""
    if ratio is None:
        return "—"
    exact = Fraction(ratio)
    value = percent_display(exact.numerator, exact.denominator, places)
    if value is None:  # a ratio always has a denominator; kept for the type
        return "—"
    return _template(_language(), gettext_noop("%(value)s %%")) % {"value": _number(value, places)}


def format_percent_against(
    ratio: "Decimal | Fraction", limit: "Decimal | Fraction", places: int = 1, most: int = 6
) -> str:
    """`ratio` shown beside the `limit` it is compared with: with as many decimals as it takes
    (from `places` up to `most`) for a ratio that differs from the limit not to look equal to
    it: 2 000,00 / 3 333,33 = 60,0001 %, not « 60,0 % » against 60 %."""
    exact, bound = Fraction(ratio), Fraction(limit)
    shown = places
    while shown < most and exact != bound:
        if _percent_digits(exact, shown) != _percent_digits(bound, shown):
            break
        shown += 1
    return format_percent(exact, shown)


def format_limit_percent(limit: "Decimal | Fraction") -> str:
    """A limit written as its call writes it: « 60 % », « 33,33 % » (no rounding away)."""
    hundredths = Fraction(limit) * 10_000
    places = 0 if hundredths % 100 == 0 else (1 if hundredths % 10 == 0 else 2)
    return format_percent(Fraction(limit), places)


def _percent_digits(ratio: Fraction, places: int) -> Decimal | None:
    return percent_display(ratio.numerator, ratio.denominator, places)


def format_moment(moment: datetime.datetime) -> str:
    """A moment in Paris time as people write it, to the minute: « 31 octobre 2023 à 23 h 59
    (heure de Paris) », « 31 October 2023 at 11:59 p.m. (Paris time) »; for deadlines and
    submissions, where the time matters. The stored second (a deadline is 23:59:59) is no
    one's business: the time is the language's `TIME_FORMAT` (`config/formats`)."""
    local = timezone.localtime(moment)
    return _template(_language(), gettext_noop("%(date)s à %(time)s (heure de Paris)")) % {
        "date": format_day(local.date()),
        "time": formats.time_format(local.time(), "TIME_FORMAT"),
    }


def format_day(day: datetime.date) -> str:
    """A day as people write it: « 1er décembre 2026 », « 15 mars 2027 » in French,
    « 1 December 2026 » in English (no time: most dates do not need one)."""
    if isinstance(day, datetime.datetime):
        day = timezone.localtime(day).date() if timezone.is_aware(day) else day.date()
    return _day(_language(), day)


@lru_cache(maxsize=4096)
def _day(language: str, day: datetime.date) -> str:
    text = formats.date_format(day, "j F Y")
    if day.day == 1 and language.startswith("fr"):
        return "1er" + text[1:]
    return text


def format_month(day: datetime.date) -> str:
    """« décembre 2026 », « December 2026 »."""
    return formats.date_format(day, "F Y")


def percent_display(numerator: int, denominator: int, places: int = 1) -> Decimal | None:
    """The one display rule for shares: the exact ratio × 100, rounded half away from zero at
    `places` decimals, computed on integers so that no binary or early rounding creeps in.

    250 458 / 564 711 = 44.3514… % → 44.4 (the printed 2024-2025 panorama shows 44.3, which
    truncates the two-decimal 44.35). None when the denominator is 0 or missing: no share.
    """
    if not denominator:
        return None
    scale = 10**places
    scaled_num = abs(numerator) * 100 * scale * 2 + abs(denominator)
    quotient = scaled_num // (2 * abs(denominator))
    sign = -1 if (numerator < 0) != (denominator < 0) and numerator != 0 else 1
    return (Decimal(sign * quotient) / Decimal(scale)).quantize(Decimal(1).scaleb(-places))


def format_date(day: datetime.date, style: str) -> str:
    """`formats.date_format(day, style)` (« lun. 3 », « 3 mars »), looked up once per language,
    day and style: a table of a month's sessions shows a few dozen days."""
    return _date(_language(), day, style)


@lru_cache(maxsize=4096)
def _date(language: str, day: datetime.date, style: str) -> str:
    return formats.date_format(day, style)


def _forget_formats(**kwargs) -> None:
    """A test that changes the settings (formats, languages) gets fresh formatters."""
    for cached in (_number_style, _template, _day, _date):
        cached.cache_clear()


setting_changed.connect(_forget_formats)
