"""Project pages: the applicant records its actions and files its report; the coordination
follows its régions' year and reviews the reports. Each view parses a form, calls one
service, renders."""

from decimal import Decimal

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from lanterne.accounts.scoping import scope_for
from lanterne.core.choices import choice_label
from lanterne.core.exports import export_response
from lanterne.core.pdf import pdf_response, render_pdf
from lanterne.core.workflow import abilities
from lanterne.dossiers.enums import ExpenseCategory
from lanterne.projects import exports, services
from lanterne.projects.enums import Gender
from lanterne.projects.figures import report_figures
from lanterne.projects.models import Action, ActionSession, Project, Report, ReportTransition

from . import forms as f
from . import year as y

# ---------------------------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------------------------


def _project(request, pk) -> Project:
    return get_object_or_404(
        Project.objects.visible_to(request.user).select_related(
            "applicant", "call__region", "report", "dossier"
        ),
        pk=pk,
    )


def _action(request, pk) -> Action:
    return get_object_or_404(
        Action.objects.visible_to(request.user).select_related(
            "project__applicant",
            "project__call",
            "project__report",
            "project__dossier",
            "commune",
            "film",
            "authorisation",
        ),
        pk=pk,
    )


def _require(request, perm: str, obj) -> None:
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied


def _add_service_error(form, error: ValidationError) -> None:
    for message in error.messages:
        form.add_error(None, message)


def _actions_of(project: Project):
    return (
        project.actions.select_related("commune", "film", "authorisation")
        .prefetch_related(
            Prefetch(
                "sessions",
                queryset=ActionSession.objects.select_related("place_commune", "place_structure"),
            ),
            "participant_counts",
            "relay_counts",
            "films",
        )
        .order_by("first_day", "pk")
    )


def _summarise(actions) -> list:
    rows = list(actions)
    for action in rows:
        action.session_list = list(action.sessions.all())
        action.beneficiaries_total = sum(c.count for c in action.participant_counts.all())
        action.relays_total = sum(c.count for c in action.relay_counts.all())
        action.film_list = list(action.films.all())
    return rows


# ---------------------------------------------------------------------------------------------
# Projects
# ---------------------------------------------------------------------------------------------


@require_safe
def project_list(request):
    projects = list(
        Project.objects.visible_to(request.user)
        .select_related("applicant", "call__region", "report")
        .order_by("-year", "call__region__name", "title", "pk")
    )
    now = timezone.now()
    for project in projects:
        report = getattr(project, "report", None)
        project.report_late = report is not None and report.is_late_at(now)
    scope = scope_for(request.user)
    return render(
        request,
        "www/projects/list.html",
        {
            "projects": projects,
            "is_coordinator": scope.sees_all(applications=True) or bool(scope.coordinated_regions),
        },
    )


def _render_detail(request, project, action_form=None, status=200):
    can_change = request.user.has_perm("projects.change_project", project)
    if action_form is None and can_change:
        action_form = f.ActionForm(project=project)
    report = getattr(project, "report", None)
    return render(
        request,
        "www/projects/detail.html",
        {
            "project": project,
            "report": report,
            "report_late": report is not None and report.is_late,
            "actions": _summarise(_actions_of(project)),
            "can_change": can_change,
            "can_review": request.user.has_perm("projects.review_report", project),
            "action_form": action_form,
        },
        status=status,
    )


@require_safe
def project_detail(request, pk):
    return _render_detail(request, _project(request, pk))


@require_POST
def action_add(request, pk):
    project = _project(request, pk)
    _require(request, "projects.change_project", project)
    form = f.ActionForm(request.POST, project=project, instance=Action(project=project))
    if form.is_valid():
        try:
            action = services.action_save(project=project, by=request.user, action=form.instance)
        except ValidationError as error:
            _add_service_error(form, error)
        else:
            messages.success(request, _("L'action a été ajoutée."))
            return redirect(action.get_absolute_url())
    return _render_detail(request, project, action_form=form, status=422)


@require_safe
def project_sheet(request, pk):
    project = _project(request, pk)
    actions = _summarise(_actions_of(project))
    report = getattr(project, "report", None)
    pdf = render_pdf(
        "pdf/project_sheet.html",
        {
            "project": project,
            "actions": actions,
            "report": report,
            "beneficiaries": sum(a.beneficiaries_total for a in actions),
            "relays": sum(a.relays_total for a in actions),
            "generated_at": timezone.now(),
        },
    )
    return pdf_response(pdf, f"projet-{project.pk}-fiche.pdf")


# ---------------------------------------------------------------------------------------------
# Actions
# ---------------------------------------------------------------------------------------------


def _render_action(request, action, status=200, **bound):
    project = action.project
    can_change = request.user.has_perm("projects.change_project", project)
    sessions = list(
        action.sessions.select_related("place_commune", "place_structure").order_by(
            "day", "starts_at"
        )
    )
    context = {
        "action": action,
        "project": project,
        "sessions": sessions,
        "films": list(action.films.all()) if action.is_workshop else [],
        "can_change": can_change,
        "genders": Gender.choices,
        "authorisation": getattr(action, "authorisation", None) if action.is_open_air else None,
    }
    participants_form = bound.get("participants_form") or f.ParticipantsForm(action=action)
    context["participants_form"] = participants_form
    context["beneficiaries_total"] = sum(c.count for c in action.participant_counts.all())
    context["relays_total"] = sum(c.count for c in action.relay_counts.all())
    if can_change:
        context["action_form"] = bound.get("action_form") or f.ActionForm(
            instance=action, project=project
        )
        context["session_form"] = bound.get("session_form") or f.SessionForm(project=project)
        if action.is_open_air:
            context["authorisation_form"] = bound.get("authorisation_form") or f.AuthorisationForm(
                instance=context["authorisation"]
            )
        if action.is_workshop:
            context["film_form"] = bound.get("film_form") or f.FilmForm(
                initial={"year": project.year, "speakers": action.speakers}
            )
    return render(request, "www/projects/action.html", context, status=status)


@require_http_methods(["GET", "HEAD", "POST"])
def action_detail(request, pk):
    action = _action(request, pk)
    if request.method != "POST":
        return _render_action(request, action)
    _require(request, "projects.change_project", action.project)
    form = f.ActionForm(request.POST, instance=action, project=action.project)
    if form.is_valid():
        try:
            services.action_save(project=action.project, by=request.user, action=form.instance)
        except ValidationError as error:
            _add_service_error(form, error)
        else:
            messages.success(request, _("L'action a été enregistrée."))
            return redirect(action.get_absolute_url())
    action = _action(request, pk)
    return _render_action(request, action, status=422, action_form=form)


@require_POST
def session_add(request, pk):
    action = _action(request, pk)
    _require(request, "projects.change_project", action.project)
    form = f.SessionForm(request.POST, project=action.project)
    if form.is_valid():
        try:
            services.session_add(action=action, by=request.user, session=form.instance)
        except ValidationError as error:
            _add_service_error(form, error)
        else:
            messages.success(request, _("La séance a été ajoutée."))
            return redirect(f"{action.get_absolute_url()}#sessions")
    return _render_action(request, action, status=422, session_form=form)


@require_POST
def session_delete(request, pk, session_pk):
    action = _action(request, pk)
    _require(request, "projects.change_project", action.project)
    session = get_object_or_404(action.sessions.all(), pk=session_pk)
    try:
        services.session_delete(session=session, by=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("La séance a été supprimée."))
    return redirect(f"{action.get_absolute_url()}#sessions")


@require_POST
def participants(request, pk):
    action = _action(request, pk)
    _require(request, "projects.change_project", action.project)
    form = f.ParticipantsForm(request.POST)
    if form.is_valid():
        try:
            services.participants_record(action=action, by=request.user, **form.service_arguments())
        except ValidationError as error:
            _add_service_error(form, error)
        else:
            messages.success(request, _("Les participant·es ont été enregistré·es."))
            return redirect(f"{action.get_absolute_url()}#participants")
    return _render_action(request, action, status=422, participants_form=form)


@require_POST
def authorisation(request, pk):
    action = _action(request, pk)
    _require(request, "projects.change_project", action.project)
    current = getattr(action, "authorisation", None)
    form = f.AuthorisationForm(request.POST, instance=current)
    if form.is_valid():
        try:
            services.authorisation_update(
                action=action, by=request.user, **form.fields_for_service()
            )
        except ValidationError as error:
            _add_service_error(form, error)
        else:
            messages.success(request, _("L'autorisation a été enregistrée."))
            return redirect(f"{action.get_absolute_url()}#authorisation")
    action = _action(request, pk)
    return _render_action(request, action, status=422, authorisation_form=form)


@require_POST
def film_add(request, pk):
    action = _action(request, pk)
    _require(request, "projects.change_project", action.project)
    form = f.FilmForm(request.POST)
    if form.is_valid():
        try:
            services.film_record(action=action, by=request.user, film=form.instance)
        except ValidationError as error:
            _add_service_error(form, error)
        else:
            messages.success(request, _("Le film a été enregistré."))
            return redirect(f"{action.get_absolute_url()}#film")
    return _render_action(request, action, status=422, film_form=form)


# ---------------------------------------------------------------------------------------------
# Reports
# ---------------------------------------------------------------------------------------------


def _report(request, pk) -> Report:
    return get_object_or_404(
        Report.objects.visible_to(request.user).select_related(
            "project__applicant", "project__call__region", "project__dossier"
        ),
        project_id=pk,
    )


def _expenses(report: Report) -> list:
    expenses = list(report.expenses.order_by("category"))
    for expense in expenses:
        expense.label = choice_label(ExpenseCategory, expense.category)
    return expenses


def _render_report(request, report, form=None, send_back_form=None, status=200):
    project = report.project
    rows = report_figures(report)
    expenses = _expenses(report)
    if form is None:
        form = f.ReportForm(
            figure_rows=rows,
            expenses=expenses,
            initial={
                "went_well": report.went_well,
                "difficulties": report.difficulties,
                "youth_words": report.youth_words,
                "version": report.version,
            },
        )
    planned_total = sum((e.planned for e in expenses), Decimal(0))
    actual_total = sum((e.actual for e in expenses if e.actual is not None), Decimal(0))
    transitions = list(
        ReportTransition.objects.filter(report=report).select_related("by").order_by("at", "pk")
    )
    return render(
        request,
        "www/projects/report.html",
        {
            "report": report,
            "project": project,
            "rows": rows,
            "form": form,
            "expenses": expenses,
            "planned_total": planned_total,
            "actual_total": actual_total,
            "transitions": transitions,
            "abilities": abilities(report, request.user),
            "send_back_form": send_back_form or f.SendBackForm(),
            "is_late": report.is_late,
        },
        status=status,
    )


@require_http_methods(["GET", "HEAD", "POST"])
def report_detail(request, pk):
    report = _report(request, pk)
    if request.method != "POST":
        return _render_report(request, report)
    _require(request, "projects.change_project", report.project)
    form = f.ReportForm(
        request.POST, figure_rows=report_figures(report), expenses=_expenses(report)
    )
    if form.is_valid():
        try:
            services.report_save(report=report, by=request.user, **form.service_arguments())
        except ValidationError as error:
            _add_service_error(form, error)
        else:
            messages.success(request, _("Le bilan a été enregistré."))
            return redirect(report.get_absolute_url())
    return _render_report(request, report, form=form, status=422)


@require_POST
def report_submit(request, pk):
    report = _report(request, pk)
    _require(request, "projects.change_project", report.project)
    try:
        services.report_submit(report=report, by=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Le bilan a été transmis à la coordination."))
    return redirect(report.get_absolute_url())


@require_POST
def report_accept(request, pk):
    report = _report(request, pk)
    _require(request, "projects.review_report", report.project)
    try:
        services.report_accept(report=report, by=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Le bilan a été validé."))
    return redirect(report.get_absolute_url())


@require_POST
def report_send_back(request, pk):
    report = _report(request, pk)
    _require(request, "projects.review_report", report.project)
    form = f.SendBackForm(request.POST)
    if form.is_valid():
        try:
            services.report_send_back(
                report=report, by=request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            _add_service_error(form, error)
        else:
            messages.success(request, _("Le bilan a été renvoyé au porteur."))
            return redirect(report.get_absolute_url())
    return _render_report(request, report, send_back_form=form, status=422)


# ---------------------------------------------------------------------------------------------
# The coordinator's year, authorisations, exports
# ---------------------------------------------------------------------------------------------


def _year_context(request, year):
    regions = y.coordinated_regions(request.user)
    codes = y.selected_regions(request, regions)
    form = f.YearFilterForm(request.GET or None, regions=regions)
    filters = form.filters()
    return regions, codes, form, filters


@require_safe
def year_view(request, year):
    _regions, codes, form, filters = _year_context(request, year)
    actions = y.filtered_actions(codes, year, filters)
    today = timezone.localdate()
    totals = y.counts(actions, today)
    months = y.months(actions)
    month = y.parse_month(request.GET.get("mois")) or y.default_month(months, today)
    late_reports = y.late_reports(codes, year)
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
            "projects_count": y.year_projects(codes, year).count(),
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
    _regions, codes, _form, filters = _year_context(request, year)
    actions = y.filtered_actions(codes, year, filters)
    pattern = reverse("projects:action", args=[0])

    def url_for(pk):
        return pattern.replace("/0/", f"/{pk}/")

    def kind_label(action_type):
        action = Action(action_type=action_type)
        return f"{action.kind_label} — {action.type_label}"

    return JsonResponse(y.features(actions, url_for, kind_label))


@require_safe
def authorisations(request, year):
    regions = y.coordinated_regions(request.user)
    codes = y.selected_regions(request, regions)
    actions = exports.open_air_actions(exports.region_actions(codes, year))
    rows = [(action, exports.authorisation_row(action)) for action in actions]
    return render(
        request,
        "www/projects/authorisations.html",
        {"year": year, "rows": rows, "query": request.GET.urlencode()},
    )


@require_safe
def authorisations_export(request, year):
    regions = y.coordinated_regions(request.user)
    codes = y.selected_regions(request, regions)
    table = exports.authorisations_table(exports.region_actions(codes, year))
    name = f"autorisations-plein-air-{year}-{timezone.localdate().isoformat()}"
    return export_response(table, "csv", f"{name}.csv")


@require_safe
def export(request, year, fmt):
    if fmt not in ("csv", "xlsx"):
        raise Http404
    regions = y.coordinated_regions(request.user)
    codes = y.selected_regions(request, regions)
    table = exports.actions_table(exports.region_actions(codes, year))
    name = f"actions-{year}-{'-'.join(codes) if len(codes) < 4 else 'regions'}"
    return export_response(table, fmt, f"{name}.{fmt}")
