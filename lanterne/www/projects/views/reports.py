"""A project's report (bilan): the applicant fills it in and sends it; the coordination
accepts it or sends it back."""

from decimal import Decimal
from operator import attrgetter

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from lanterne.core.choices import choice_label
from lanterne.core.workflow import abilities
from lanterne.dossiers.enums import ExpenseCategory
from lanterne.projects import services
from lanterne.projects.enums import ReportState
from lanterne.projects.figures import report_figures
from lanterne.projects.models import Report, ReportTransition
from lanterne.www.actions import in_scope, require, run_or_flash, run_service, succeed

from .. import forms as f

REPORTS = Report.objects.select_related(
    "project__applicant", "project__call__region", "project__dossier"
)
PROJECT = attrgetter("project")


def _expenses(report: Report) -> list:
    expenses = list(report.expenses.order_by("category"))
    for expense in expenses:
        expense.label = choice_label(ExpenseCategory, expense.category)
    return expenses


def sent_back_step(report: Report, transitions: list):
    """The step that sent the report back, while it is to be reworked: its reason says what."""
    if report.state != ReportState.SENT_BACK:
        return None
    return next((t for t in reversed(transitions) if t.name == "send_back"), None)


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
            "sent_back": sent_back_step(report, transitions),
        },
        status=status,
    )


def _save(*, form: f.ReportForm, report: Report, by) -> Report:
    """Save what was typed; a refusal about a figure is told beside its field."""
    try:
        return services.report_save(report=report, by=by, **form.service_arguments())
    except ValidationError as error:
        raise form.on_fields(error) from error


def _save_typed(request, report: Report):
    """Parse and save the report as typed: the saved report, or the form with its refusal."""
    require(request, "projects.change_project", report.project)
    form = f.ReportForm(
        request.POST, figure_rows=report_figures(report), expenses=_expenses(report)
    )
    if form.is_valid() and (
        done := run_service(form, _save, form=form, report=report, by=request.user)
    ):
        return done.result, form
    return None, form


@require_http_methods(["GET", "HEAD", "POST"])
def report_detail(request, pk):
    report = in_scope(request, REPORTS, project_id=pk)
    if request.method != "POST":
        return _render_report(request, report)
    saved, form = _save_typed(request, report)
    if saved is not None:
        return succeed(request, _("Le bilan a été enregistré."), report.get_absolute_url())
    return _render_report(request, report, form=form, status=422)


def _move(request, pk, *, perm: str, service, done: str):
    """A report's step without a form: the refusal, if any, is shown on the report page."""
    report = in_scope(request, REPORTS, project_id=pk, perm=perm, on=PROJECT)
    if run_or_flash(request, service, report=report, by=request.user):
        messages.success(request, done)
    return redirect(report.get_absolute_url())


@require_POST
def report_submit(request, pk):
    """Transmit the report. Sent from the report's form, what was typed is saved first: a
    refused save transmits nothing and shows everything as typed, with the errors beside
    their fields; a refused transmission leaves the report saved, with the reason."""
    done = _("Le bilan a été transmis à la coordination.")
    if "version" not in request.POST:
        return _move(
            request, pk, perm="projects.change_project", service=services.report_submit, done=done
        )
    report = in_scope(request, REPORTS, project_id=pk, perm="projects.change_project", on=PROJECT)
    saved, form = _save_typed(request, report)
    if saved is None:
        form.add_error(None, _("Le bilan n'est pas transmis : corrigez les champs signalés."))
        return _render_report(request, report, form=form, status=422)
    if run_or_flash(request, services.report_submit, report=saved, by=request.user):
        messages.success(request, done)
    else:
        messages.info(request, _("Votre saisie est enregistrée."))
    return redirect(report.get_absolute_url())


@require_POST
def report_accept(request, pk):
    return _move(
        request,
        pk,
        perm="projects.review_report",
        service=services.report_accept,
        done=_("Le bilan a été validé."),
    )


@require_POST
def report_send_back(request, pk):
    report = in_scope(request, REPORTS, project_id=pk, perm="projects.review_report", on=PROJECT)
    form = f.SendBackForm(request.POST)
    if form.is_valid() and run_service(
        form,
        services.report_send_back,
        report=report,
        by=request.user,
        reason=form.cleaned_data["reason"],
    ):
        return succeed(request, _("Le bilan a été renvoyé au porteur."), report.get_absolute_url())
    return _render_report(request, report, send_back_form=form, status=422)
