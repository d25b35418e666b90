"""A project's report (bilan): the applicant fills it in and sends it; the coordination
accepts it or sends it back."""

from decimal import Decimal
from operator import attrgetter

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from lanterne.core.choices import choice_label
from lanterne.core.workflow import abilities
from lanterne.dossiers.enums import ExpenseCategory
from lanterne.projects import services
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
    report = in_scope(request, REPORTS, project_id=pk)
    if request.method != "POST":
        return _render_report(request, report)
    require(request, "projects.change_project", report.project)
    form = f.ReportForm(
        request.POST, figure_rows=report_figures(report), expenses=_expenses(report)
    )
    if form.is_valid() and run_service(
        form, services.report_save, report=report, by=request.user, **form.service_arguments()
    ):
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
    return _move(
        request,
        pk,
        perm="projects.change_project",
        service=services.report_submit,
        done=_("Le bilan a été transmis à la coordination."),
    )


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
