"""The coordinator's files for a year: open-air authorisations and the actions table."""

from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from lanterne.core.exports import export_response
from lanterne.projects import exports

from .. import year as y


def _calls(request):
    """The calls of the selected régions that the user manages (403 for who manages none)."""
    return y.selected_calls(request, y.coordinated_regions(request.user))


@require_safe
def authorisations(request, year):
    actions = exports.open_air_actions(exports.call_actions(_calls(request), year))
    rows = [(action, exports.authorisation_row(action)) for action in actions]
    return render(
        request,
        "www/projects/authorisations.html",
        {"year": year, "rows": rows, "query": request.GET.urlencode()},
    )


@require_safe
def authorisations_export(request, year):
    table = exports.authorisations_table(exports.call_actions(_calls(request), year))
    name = f"autorisations-plein-air-{year}-{timezone.localdate().isoformat()}"
    return export_response(table, "csv", f"{name}.csv")


@require_safe
def export(request, year, fmt):
    if fmt not in ("csv", "xlsx"):
        raise Http404
    regions = y.coordinated_regions(request.user)
    codes = y.selected_regions(request, regions)
    table = exports.actions_table(exports.call_actions(y.selected_calls(request, regions), year))
    name = f"actions-{year}-{'-'.join(codes) if len(codes) < 4 else 'regions'}"
    return export_response(table, fmt, f"{name}.{fmt}")
