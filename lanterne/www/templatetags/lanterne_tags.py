"""Display helpers shared by every page."""

from django import forms, template
from django.conf import settings
from django.utils import formats
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from stdnum.fr import siret as stdnum_siret

from lanterne.core.workflow import abilities
from lanterne.network.validators import format_phone

register = template.Library()


@register.filter
def siret(value: str) -> str:
    """`73282932000074` → `732 829 320 00074`; anything unexpected is shown as stored."""
    if not value or not (value.isdigit() and len(value) == 14):
        return value or ""
    return stdnum_siret.format(value)


@register.simple_tag
def colon() -> str:
    """The colon after a label, as the language writes it: `{% translate "État" %}{% colon %}`
    reads « État : » in French, « State: » in English."""
    from lanterne.core.typography import labelled

    return labelled("")


@register.simple_tag
def list_separator() -> str:
    """Between clauses of a list: « a ; b » in French, « a; b » in English."""
    from lanterne.core.typography import list_separator

    return list_separator()


@register.filter
def phone(value: str) -> str:
    return format_phone(value)


@register.filter
def abilities_for(obj, user) -> dict[str, bool]:
    """What `user` may do with the workflow object `obj` now, on pages that list several:
    `{% with can=dossier|abilities_for:request.user %}` (see `core.workflow.abilities`)."""
    return abilities(obj, user)


@register.simple_tag
def map_tile_attribution() -> str:
    """The tile provider's attribution, HTML from the settings (trusted), or an empty string."""
    if not settings.MAP_TILE_URL:
        return ""
    # HTML set by the operator in the settings, not by users.
    return mark_safe(settings.MAP_TILE_ATTRIBUTION)


@register.simple_tag
def map_tile_url() -> str:
    return settings.MAP_TILE_URL


@register.simple_tag
def map_tile_attribution_raw() -> str:
    """Same attribution, to be escaped into a data-* attribute for Leaflet."""
    return settings.MAP_TILE_ATTRIBUTION if settings.MAP_TILE_URL else ""


@register.simple_tag(takes_context=True)
def nav_current(context, *url_names: str) -> str:
    """`aria-current="page"` when the current view is one of `url_names` (namespaced)."""
    match = getattr(context.get("request"), "resolver_match", None)
    if match is not None and match.view_name in url_names:
        return mark_safe(' aria-current="page"')
    return ""


@register.filter
def fields_in_error(form) -> list:
    """The bound fields of `form` that carry errors, in the form's order, for the summary at
    the top of a refused form (each links to its field)."""
    if form is None or not getattr(form, "errors", None):
        return []
    return [field for field in form if field.errors]


@register.filter
def bootstrap(bound_field):
    """Render a form field's widget with Bootstrap's classes (and `is-invalid` on error)."""
    widget = bound_field.field.widget
    if isinstance(widget, forms.CheckboxInput | forms.RadioSelect):
        css = "form-check-input"
    elif isinstance(widget, forms.Select):
        css = "form-select"
    else:
        css = "form-control"
    if bound_field.errors:
        css += " is-invalid"
    existing = widget.attrs.get("class")
    return bound_field.as_widget(attrs={"class": f"{existing} {css}" if existing else css})


@register.filter
def euros(value) -> str:
    """« 5 000,00 € »; « — » when unknown (never 0), including a value that is no amount (an
    empty string from a template variable that does not exist)."""
    from decimal import Decimal, InvalidOperation

    from lanterne.core.money import format_euros

    try:
        amount = None if value in (None, "") else Decimal(value)
    except (InvalidOperation, TypeError, ValueError):
        amount = None
    return format_euros(amount)


@register.filter
def moment(value) -> str:
    """A date and time in Paris time to the minute, naming the time zone."""
    from lanterne.core.money import format_moment

    return format_moment(value) if value else "—"


@register.filter
def day(value, style: str = "") -> str:
    """A day as people write it, « 1er décembre 2026 » (a moment's day in Paris time), with its
    weekday for `day:"weekday"` (« lundi 1er décembre 2026 »); « — » when there is none.
    Times only where they matter: `moment`."""
    from lanterne.core.money import format_day

    if not value:
        return "—"
    if style == "weekday":
        return _("%(weekday)s %(day)s") % {
            "weekday": formats.date_format(value, "l"),
            "day": format_day(value),
        }
    return format_day(value)


@register.filter
def percent(value, places: int = 1) -> str:
    from lanterne.core.money import format_percent

    return format_percent(value, int(places))
