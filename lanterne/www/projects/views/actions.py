"""An action's page: its settings, sessions, participants, open-air authorisation and the film
a workshop made, each saved by its own form."""

from operator import attrgetter

from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from lanterne.projects import services
from lanterne.projects.enums import Gender
from lanterne.projects.models import Action
from lanterne.www.actions import in_scope, require, run_or_flash, run_service, succeed

from .. import forms as f

ACTIONS = Action.objects.select_related(
    "project__applicant",
    "project__call",
    "project__report",
    "project__dossier",
    "commune",
    "film",
    "authorisation",
    "logbook",
    "created_by",
    "updated_by",
)
CHANGE = "projects.record_action"
PROJECT = attrgetter("project")


def _render_action(request, action, status=200, **bound):
    project = action.project
    can_change = request.user.has_perm(CHANGE, project)
    sessions = list(
        action.sessions.select_related("place_commune", "place_structure", "created_by").order_by(
            "day", "starts_at"
        )
    )
    participant_counts = list(action.participant_counts.select_related("created_by"))
    context = {
        "action": action,
        "project": project,
        "sessions": sessions,
        "films": list(action.films.all()) if action.is_workshop else [],
        "can_change": can_change,
        "can_match_speakers": request.user.has_perm("speakers.match_action", action),
        "genders": Gender.choices,
        "authorisation": getattr(action, "authorisation", None) if action.is_open_air else None,
        "logbook": getattr(action, "logbook", None) if action.is_workshop else None,
        "can_open_logbook": action.is_workshop
        and request.user.has_perm("logbook.open_workshopgroup", action),
    }
    participants_form = bound.get("participants_form") or f.ParticipantsForm(action=action)
    context["participants_form"] = participants_form
    context["beneficiaries_total"] = sum(c.count for c in participant_counts)
    context["participants_entry"] = participant_counts[0] if participant_counts else None
    context["engagements"] = list(
        action.engagements.select_related("person", "created_by").order_by(
            "person__last_name", "pk"
        )
    )
    context["relays_total"] = sum(c.count for c in action.relay_counts.all())
    if can_change:
        context["action_form"] = bound.get("action_form") or f.ActionForm(
            instance=action, project=project
        )
        context["session_form"] = bound.get("session_form") or f.SessionForm(project=project)
        context["speaker_form"] = bound.get("speaker_form") or f.SpeakerEngageForm(
            user=request.user
        )
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
    action = in_scope(request, ACTIONS, pk=pk)
    if request.method != "POST":
        return _render_action(request, action)
    require(request, CHANGE, action.project)
    form = f.ActionForm(request.POST, instance=action, project=action.project)
    if form.is_valid() and run_service(
        form, services.action_save, project=action.project, by=request.user, action=form.instance
    ):
        return succeed(request, _("L'action a été enregistrée."), action.get_absolute_url())
    # The form changed the instance it was given: the page shows the action as it is stored.
    action = in_scope(request, ACTIONS, pk=pk)
    return _render_action(request, action, status=422, action_form=form)


@require_POST
def session_add(request, pk):
    action = in_scope(request, ACTIONS, pk=pk, perm=CHANGE, on=PROJECT)
    form = f.SessionForm(request.POST, project=action.project)
    if form.is_valid() and run_service(
        form, services.session_add, action=action, by=request.user, session=form.instance
    ):
        return succeed(
            request, _("La séance a été ajoutée."), f"{action.get_absolute_url()}#sessions"
        )
    return _render_action(request, action, status=422, session_form=form)


@require_POST
def session_delete(request, pk, session_pk):
    action = in_scope(request, ACTIONS, pk=pk, perm=CHANGE, on=PROJECT)
    session = get_object_or_404(action.sessions.all(), pk=session_pk)
    to = f"{action.get_absolute_url()}#sessions"
    if run_or_flash(request, services.session_delete, session=session, by=request.user):
        return succeed(request, _("La séance a été supprimée."), to)
    return redirect(to)


@require_POST
def participants(request, pk):
    action = in_scope(request, ACTIONS, pk=pk, perm=CHANGE, on=PROJECT)
    form = f.ParticipantsForm(request.POST)
    if form.is_valid() and run_service(
        form,
        services.participants_record,
        action=action,
        by=request.user,
        **form.service_arguments(),
    ):
        return succeed(
            request,
            _("Les participant·es ont été enregistré·es."),
            f"{action.get_absolute_url()}#participants",
        )
    return _render_action(request, action, status=422, participants_form=form)


@require_POST
def authorisation(request, pk):
    action = in_scope(request, ACTIONS, pk=pk, perm=CHANGE, on=PROJECT)
    form = f.AuthorisationForm(request.POST, instance=getattr(action, "authorisation", None))
    if form.is_valid() and run_service(
        form,
        services.authorisation_update,
        action=action,
        by=request.user,
        **form.fields_for_service(),
    ):
        return succeed(
            request,
            _("L'autorisation a été enregistrée."),
            f"{action.get_absolute_url()}#authorisation",
        )
    action = in_scope(request, ACTIONS, pk=pk)
    return _render_action(request, action, status=422, authorisation_form=form)


@require_POST
def film_add(request, pk):
    action = in_scope(request, ACTIONS, pk=pk, perm=CHANGE, on=PROJECT)
    form = f.FilmForm(request.POST)
    if form.is_valid() and run_service(
        form, services.film_record, action=action, by=request.user, film=form.instance
    ):
        return succeed(request, _("Le film a été enregistré."), f"{action.get_absolute_url()}#film")
    return _render_action(request, action, status=422, film_form=form)


@require_POST
def speaker_engage(request, pk):
    action = in_scope(request, ACTIONS, pk=pk, perm=CHANGE, on=PROJECT)
    form = f.SpeakerEngageForm(request.POST, user=request.user)
    if form.is_valid() and run_service(
        form,
        services.speaker_engage,
        action=action,
        by=request.user,
        person=form.cleaned_data["person"],
    ):
        return succeed(
            request,
            _("L'intervenant·e a été engagé·e sur l'action."),
            f"{action.get_absolute_url()}#speakers",
        )
    return _render_action(request, action, status=422, speaker_form=form)


@require_POST
def speaker_release(request, pk, engagement_pk):
    action = in_scope(request, ACTIONS, pk=pk, perm=CHANGE, on=PROJECT)
    engagement = get_object_or_404(action.engagements.all(), pk=engagement_pk)
    to = f"{action.get_absolute_url()}#speakers"
    if run_or_flash(request, services.speaker_release, engagement=engagement, by=request.user):
        return succeed(request, _("L'intervenant·e n'est plus engagé·e sur l'action."), to)
    return redirect(to)
