"""The coordinator's year: the actions of the calls it manages on a map, by month, and what is
late."""

from django.http import JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.views.decorators.http import require_safe

from lanterne.projects.models import Action

from .. import forms as f
from .. import year as y


def _year_context(request, year):
    regions = y.coordinated_regions(request.user)
    calls = y.selected_calls(request, regions)
    form = f.YearFilterForm(request.GET or None, regions=regions)
    filters = form.filters()
    return calls, form, filters


@require_safe
def year_view(request, year):
    calls, form, filters = _year_context(request, year)
    actions = y.filtered_actions(calls, year, filters)
    today = timezone.localdate()
    totals = y.counts(actions, today)
    months = y.months(actions)
    month = y.parse_month(request.GET.get("mois")) or y.default_month(months, today)
    late_reports = y.late_reports(calls, year)
    page = y.table_page(actions, request.GET.get("page"), totals["total"], today)
    map_query = request.GET.copy()
    for key in ("page", "mois"):
        map_query.pop(key, None)
    return render(
        request,
        "www/projects/year.html",
        {
            "year": year,
            "form": form,
            "is_filtered": bool(filters),
            "totals": totals,
            "projects_count": y.year_projects(calls, year).count(),
            "months": months,
            "month": month,
            "month_label": date_format(month, "F Y") if month else "",
            "month_sessions": y.month_sessions(actions, month) if month else [],
            "undated": y.undated_actions(actions) if totals["undated"] else [],
            "late_actions": y.late_actions(actions, today) if totals["late"] else [],
            "late_reports": list(late_reports[: y.LATE_LIMIT]),
            "late_reports_count": late_reports.count(),
            "late_limit": y.LATE_LIMIT,
            "page": page,
            "page_range": page.paginator.get_elided_page_range(
                page.number, on_each_side=2, on_ends=1
            ),
            "map_query": map_query.urlencode(),
        },
    )


@require_safe
def year_data(request, year):
    calls, _form, filters = _year_context(request, year)
    actions = y.filtered_actions(calls, year, filters)
    pattern = reverse("projects:action", args=[0])

    def url_for(pk):
        return pattern.replace("/0/", f"/{pk}/")

    def kind_label(action_type):
        action = Action(action_type=action_type)
        return f"{action.kind_label} — {action.type_label}"

    return JsonResponse(y.features(actions, url_for, kind_label))
