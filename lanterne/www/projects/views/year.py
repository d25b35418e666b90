"""The coordinator's year: the actions of the calls it manages on a map, by month, and what is
late."""

from django.http import JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.formats import date_format
from django.views.decorators.http import require_safe

from lanterne.core.money import format_date
from lanterne.projects.models import Action

from .. import forms as f
from .. import year as y


def _year_context(request, year):
    regions = y.coordinated_regions(request.user)
    calls = y.selected_calls(request, regions)
    form = f.YearFilterForm(request.GET or None, regions=regions)
    filters = form.filters()
    return calls, form, filters


def _links(rows, url, key: str = "pk") -> list:
    for row in rows:
        row["url"] = url(row[key])
    return rows


@require_safe
def year_view(request, year):
    scope, form, filters = _year_context(request, year)
    # The year's calls, read once with their calendar: every read below takes their keys.
    calls = y.year_calls(scope, year)
    actions = y.filtered_actions(calls, year, filters)
    today = timezone.localdate()
    totals = y.counts(actions, today)
    months = y.months(actions)
    month = y.parse_month(request.GET.get("mois")) or y.default_month(months, today)
    projects = y.year_project_counts(calls, year)
    page = y.table_page(actions, request.GET.get("page"), totals["total"], today, calls=calls)
    action_url, project_url = y.url_for("projects:action"), y.url_for("projects:detail")
    for row in page.object_list:
        row["url"], row["project_url"] = action_url(row["pk"]), project_url(row["project_id"])
        row["dates"] = _dates(row["first_day"], row["last_day"])
    sessions = y.month_sessions(actions, month) if month else []
    for session in _links(sessions, action_url, "action_id"):
        session["day_label"] = format_date(session["day"], "D j")
        session["hours"] = f"{session['starts_at']:%H:%M} – {session['ends_at']:%H:%M}"
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
            "projects_count": projects["projects"],
            "months": months,
            "month": month,
            "month_label": date_format(month, "F Y") if month else "",
            "month_sessions": sessions,
            "undated": _links(y.undated_actions(actions), action_url) if totals["undated"] else [],
            "late_actions": _links(y.late_actions(actions, today), action_url)
            if totals["late"]
            else [],
            "late_reports": _links(
                list(y.late_reports(calls, year)[: y.LATE_LIMIT]),
                y.url_for("projects:report"),
                "project_id",
            )
            if projects["late_reports"]
            else [],
            "late_reports_count": projects["late_reports"],
            "late_limit": y.LATE_LIMIT,
            "page": page,
            "page_range": page.paginator.get_elided_page_range(
                page.number, on_each_side=2, on_ends=1
            ),
            "map_query": map_query.urlencode(),
        },
    )


def _dates(first, last) -> str:
    """« 3 mars – 12 avr. », one day once, « — » without a session."""
    if first is None:
        return "—"
    if last is None or last == first:
        return format_date(first, "j M")
    return f"{format_date(first, 'j M')} – {format_date(last, 'j M')}"


@require_safe
def year_data(request, year):
    scope, _form, filters = _year_context(request, year)
    actions = y.filtered_actions(scope, year, filters)
    url_for = y.url_for("projects:action")

    def kind_label(action_type):
        action = Action(action_type=action_type)
        return f"{action.kind_label} — {action.type_label}"

    return JsonResponse(y.features(actions, url_for, kind_label))
