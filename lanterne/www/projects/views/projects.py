"""The project list, a project's page (where its actions are added) and its PDF sheet."""

from django.db.models import Prefetch
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from lanterne.accounts.scoping import scope_for
from lanterne.core.pdf import pdf_response, render_pdf
from lanterne.projects import selectors, services
from lanterne.projects.models import Action, ActionSession, Project
from lanterne.www.actions import in_scope, run_service, succeed

from .. import forms as f

PROJECTS = Project.objects.select_related("applicant", "call__region", "report", "dossier")


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
    can_change = request.user.has_perm("projects.record_action", project)
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
            "actions": selectors.project_actions(project),
            "can_change": can_change,
            "can_review": request.user.has_perm("projects.review_report", project),
            "action_form": action_form,
        },
        status=status,
    )


@require_safe
def project_detail(request, pk):
    return _render_detail(request, in_scope(request, PROJECTS, pk=pk))


@require_POST
def action_add(request, pk):
    project = in_scope(request, PROJECTS, pk=pk, perm="projects.record_action")
    form = f.ActionForm(request.POST, project=project, instance=Action(project=project))
    if form.is_valid() and (
        done := run_service(
            form, services.action_save, project=project, by=request.user, action=form.instance
        )
    ):
        return succeed(request, _("L'action a été ajoutée."), done.result.get_absolute_url())
    return _render_detail(request, project, action_form=form, status=422)


@require_safe
def project_sheet(request, pk):
    project = in_scope(request, PROJECTS, pk=pk)
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
