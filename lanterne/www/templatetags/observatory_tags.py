"""How the observatory's figures are displayed: never a 0 for a missing figure."""

from fractions import Fraction

from django import template
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from lanterne.core.money import format_percent

register = template.Library()


@register.filter
def figure(value) -> str:
    """`564711` → `564 711` (French) or `564,711` (English); None → *non transmis*."""
    if value is None:
        return _("non transmis")
    text = f"{value:,}"
    if (get_language() or "fr").startswith("fr"):
        return text.replace(",", "\u202f")
    return text


@register.filter
def coverage(fig) -> str:
    """ "16 sur 17 structures ; 1 non transmis ; 1 sans retour accepté"."""
    parts = [
        ngettext(
            "%(covered)s sur %(expected)s structure",
            "%(covered)s sur %(expected)s structures",
            fig.expected,
        )
        % {"covered": fig.covered, "expected": fig.expected}
    ]
    if fig.not_transmitted:
        parts.append(
            ngettext("%(n)s non transmis", "%(n)s non transmis", fig.not_transmitted)
            % {"n": fig.not_transmitted}
        )
    if fig.missing:
        parts.append(
            ngettext("%(n)s sans retour accepté", "%(n)s sans retour accepté", fig.missing)
            % {"n": fig.missing}
        )
    return _(" ; ").join(parts)


@register.filter
def percent(share) -> str:
    """A share of the panorama, by the one display rule (`core.money.format_percent`)."""
    return format_percent(
        Fraction(share.numerator, share.denominator) if share.denominator else None
    )


@register.filter
def share_coverage(share) -> str:
    """Beside a share computed without some structures: how many it counts, and why."""
    if not share.incomplete:
        return ""
    return ngettext(
        "calculée sur %(counted)s structure sur %(expected)s : les autres n'ont pas transmis le "
        "total ou l'une des parts (non transmis), elles ne sont pas comptées comme zéro",
        "calculée sur %(counted)s structures sur %(expected)s : les autres n'ont pas transmis le "
        "total ou l'une des parts (non transmis), elles ne sont pas comptées comme zéro",
        share.structures_counted,
    ) % {"counted": share.structures_counted, "expected": share.structures_expected}


@register.filter
def period(campaign, period_type: str) -> str:
    """ "année scolaire 2024-2025" or "année civile 2024": a figure always says which."""
    if period_type == "school_year":
        return _("année scolaire %(period)s") % {"period": campaign.school_year}
    return _("année civile %(period)s") % {"period": campaign.calendar_year}


@register.filter
def unit_label(value: str) -> str:
    from lanterne.core.choices import choice_label
    from lanterne.observatory.enums import Unit

    return choice_label(Unit, value)
