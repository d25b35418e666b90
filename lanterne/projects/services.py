"""Everything that writes projects, actions and reports (see calls.services for the style)."""

import datetime
import re
from decimal import Decimal

from django.db import transaction
from django.db.models import F, Max, Min
from django.utils import timezone
from django.utils.translation import gettext as _

from lanterne.accounts.models import User
from lanterne.calls.enums import MilestoneKind
from lanterne.core.audit import audit
from lanterne.core.services import ServiceError, require_perm
from lanterne.core.workflow import transition
from lanterne.dossiers.enums import BudgetSide
from lanterne.dossiers.models import Dossier

from .enums import (
    AgeBand,
    AuditAction,
    AuthorisationStatus,
    EnteredAs,
    Figure,
    Gender,
    PriorityPublic,
    RelayKind,
)
from .figures import recorded_figures
from .models import (
    Action,
    ActionSession,
    ActionSpeaker,
    OpenAirAuthorisation,
    ParticipantCount,
    PriorityPublicCount,
    Project,
    RelayCount,
    Report,
    ReportExpense,
    ReportFigure,
    WorkshopFilm,
)
from .perms import carries_project, coordinates_project


@transaction.atomic
def project_create_from_dossier(*, dossier: Dossier, by: User) -> Project:
    """The accepted dossier becomes the applicant's project for the year: planned actions are
    carried over, open-air screenings get their authorisation to request, the report is due
    at the call's final-reports milestone."""
    existing = Project.objects.filter(dossier=dossier).first()
    if existing is not None:
        return existing
    call = dossier.call
    project = Project.objects.create(
        dossier=dossier,
        call=call,
        applicant_id=dossier.applicant_id,
        year=call.year,
        title=dossier.title,
        granted_amount=dossier.granted_amount,
        is_fictitious=dossier.is_fictitious,
    )
    for planned in dossier.actions.all():
        action = Action.objects.create(
            project=project,
            planned=planned,
            action_type=planned.action_type,
            typology=planned.typology,
            title=planned.title,
            description=planned.description,
            commune_id=planned.commune_id,
            speakers=planned.speakers,
            film_id=planned.film_id,
        )
        if action.is_open_air:
            OpenAirAuthorisation.objects.create(action=action)
    milestone = call.milestones.filter(kind=MilestoneKind.FINAL_REPORTS).first()
    report = Report.objects.create(
        project=project, due_at=milestone.starts_at if milestone else None
    )
    planned_by_category: dict[str, Decimal] = {}
    for line in dossier.budget_lines.filter(side=BudgetSide.EXPENSE):
        planned_by_category[line.category] = (
            planned_by_category.get(line.category, Decimal(0)) + line.amount
        )
    ReportExpense.objects.bulk_create(
        ReportExpense(report=report, category=category, planned=amount)
        for category, amount in planned_by_category.items()
    )
    audit(action=AuditAction.PROJECT_CREATE, obj=project, by=by, dossier=dossier.pk)
    return project


def entered_as(project: Project, by: User) -> str:
    """The capacity in which `by` records something on `project`: its applicant first (a
    structure may be both), then the coordination of its call."""
    if carries_project(by, project):
        return EnteredAs.APPLICANT
    if coordinates_project(by, project):
        return EnteredAs.COORDINATION
    return EnteredAs.ADMINISTRATION


def _check_editable(project: Project, by: User) -> None:
    """The applicant and the coordination of the call record actions until the bilan is
    sent."""
    require_perm(by, "projects.record_action", project)
    report = getattr(project, "report", None)
    if report is not None and not report.is_editable:
        raise ServiceError(
            _("Le bilan est %(state)s : les actions ne peuvent plus être modifiées.")
            % {"state": report.state_label}
        )


@transaction.atomic
def action_save(*, project: Project, by: User, action: Action) -> Action:
    _check_editable(project, by)
    action.project = project
    capacity = entered_as(project, by)
    if action.pk is None:
        action.created_by, action.created_as = by, capacity
    action.updated_by, action.updated_as = by, capacity
    action.full_clean()
    action.save()
    if action.is_open_air:
        OpenAirAuthorisation.objects.get_or_create(action=action)
    return action


def _refresh_days(action: Action) -> None:
    days = action.sessions.aggregate(first=Min("day"), last=Max("day"))
    Action.objects.filter(pk=action.pk).update(first_day=days["first"], last_day=days["last"])


@transaction.atomic
def session_add(*, action: Action, by: User, session: ActionSession) -> ActionSession:
    _check_editable(action.project, by)
    session.action = action
    session.created_by, session.created_as = by, entered_as(action.project, by)
    if session.starts_at and session.ends_at and session.ends_at <= session.starts_at:
        raise ServiceError(_("La séance doit finir après son début."))
    session.full_clean()
    session.save()
    _refresh_days(action)
    return session


@transaction.atomic
def session_delete(*, session: ActionSession, by: User) -> None:
    action = session.action
    _check_editable(action.project, by)
    session.delete()
    _refresh_days(action)


_INTEGER = re.compile(r"^[+-]?\d+$")


def _counts(values: dict, allowed: set[str], what: str) -> dict[str, int]:
    """Non-negative integers only (« 12 », not « 12,5 » nor « -3 »), with a message naming
    what is wrong; empty means nothing recorded."""
    clean = {}
    for key, raw in values.items():
        if key not in allowed:
            raise ServiceError(_("Catégorie inconnue : %(key)s.") % {"key": key})
        if raw is None or str(raw).strip() == "":
            continue
        if isinstance(raw, bool) or not (isinstance(raw, int) or _INTEGER.match(str(raw).strip())):
            raise ServiceError(
                _("%(what)s : « %(raw)s » n'est pas un nombre entier de personnes.")
                % {"what": what, "raw": raw}
            )
        number = int(str(raw).strip())
        if number < 0:
            raise ServiceError(
                _("%(what)s : un nombre de personnes ne peut pas être négatif (%(raw)s).")
                % {"what": what, "raw": raw}
            )
        clean[key] = number
    return clean


@transaction.atomic
def participants_record(
    *,
    action: Action,
    by: User,
    beneficiaries: dict[tuple[str, str], object],
    priority: dict[str, object] | None = None,
    relays: dict[str, object] | None = None,
) -> None:
    """Replace the action's counts: beneficiaries by (age band, gender), priority publics
    (overlapping subsets of the beneficiaries), relays (apart, never added)."""
    _check_editable(action.project, by)
    keys = {f"{a}|{g}" for a in AgeBand.values for g in Gender.values}
    flat = _counts(
        {f"{a}|{g}": v for (a, g), v in beneficiaries.items()}, keys, _("Participant·es")
    )
    priority_counts = _counts(priority or {}, set(PriorityPublic.values), _("Publics prioritaires"))
    relay_counts = _counts(relays or {}, set(RelayKind.values), _("Relais"))
    total = sum(flat.values())
    for key, number in priority_counts.items():
        if number > total:
            raise ServiceError(
                _(
                    "Publics prioritaires : %(number)d personnes « %(label)s » pour %(total)d "
                    "participant·es en tout."
                )
                % {"number": number, "label": PriorityPublic(key).label, "total": total}
            )
    action.participant_counts.all().delete()
    action.priority_counts.all().delete()
    action.relay_counts.all().delete()
    capacity = entered_as(action.project, by)
    ParticipantCount.objects.bulk_create(
        ParticipantCount(
            action=action,
            age_band=k.split("|")[0],
            gender=k.split("|")[1],
            count=n,
            created_by=by,
            created_as=capacity,
        )
        for k, n in flat.items()
        if n
    )
    PriorityPublicCount.objects.bulk_create(
        PriorityPublicCount(action=action, priority=k, count=n)
        for k, n in priority_counts.items()
        if n
    )
    RelayCount.objects.bulk_create(
        RelayCount(action=action, relay_kind=k, count=n) for k, n in relay_counts.items() if n
    )


@transaction.atomic
def authorisation_update(*, action: Action, by: User, **fields) -> OpenAirAuthorisation:
    require_perm(by, "projects.record_action", action.project)
    if not action.is_open_air:
        raise ServiceError(_("Seules les séances en plein air demandent une autorisation."))
    authorisation, _created = OpenAirAuthorisation.objects.get_or_create(action=action)
    for name, value in fields.items():
        setattr(authorisation, name, value)
    decided = authorisation.status in (AuthorisationStatus.GRANTED, AuthorisationStatus.REFUSED)
    if decided and not authorisation.decided_on:
        raise ServiceError(_("Indiquez la date de la réponse."))
    if authorisation.status != AuthorisationStatus.TO_REQUEST and not authorisation.requested_on:
        raise ServiceError(_("Indiquez la date de la demande."))
    authorisation.full_clean()
    authorisation.save()
    audit(action=AuditAction.AUTHORISATION, obj=authorisation, by=by, status=authorisation.status)
    return authorisation


@transaction.atomic
def film_record(*, action: Action, by: User, film: WorkshopFilm) -> WorkshopFilm:
    _check_editable(action.project, by)
    if not action.is_workshop:
        raise ServiceError(_("Seul un atelier (faire) réalise un film."))
    film.action = action
    film.full_clean()
    film.save()
    return film


@transaction.atomic
def speaker_engage(*, action: Action, by: User, person) -> ActionSpeaker:
    """Record that a speaker of the network (a person with a speaker's fiche) works on the
    action: it then sees the action on its home page."""
    _check_editable(action.project, by)
    if not person.is_speaker:
        raise ServiceError(_("Cette personne n'a pas de fiche d'intervenant·e."))
    engagement, created = ActionSpeaker.objects.get_or_create(
        action=action,
        person=person,
        defaults={"created_by": by, "created_as": entered_as(action.project, by)},
    )
    if not created:
        raise ServiceError(_("Cet·te intervenant·e est déjà engagé·e sur l'action."))
    return engagement


@transaction.atomic
def speaker_release(*, engagement: ActionSpeaker, by: User) -> None:
    _check_editable(engagement.action.project, by)
    engagement.delete()


# ---------------------------------------------------------------------------------------------
# Reports
# ---------------------------------------------------------------------------------------------


def figure_error_key(code: str, *, justification: bool = False) -> str:
    """The key of a refusal about a report's figure `code` (its value or its justification)."""
    return f"{code}.justification" if justification else f"{code}.value"


@transaction.atomic
def report_save(
    *,
    report: Report,
    by: User,
    expected_version: int,
    narrative: dict[str, str] | None = None,
    figures: dict[str, tuple[object, str]] | None = None,
    expenses: dict[str, object] | None = None,
) -> Report:
    """Save the report. A figure that differs from what was recorded needs a justification;
    a figure left empty takes the recorded value."""
    require_perm(by, "projects.change_project", report.project)
    if not report.is_editable:
        raise ServiceError(
            _("Le bilan est %(state)s : il ne peut plus être modifié.")
            % {"state": report.state_label}
        )
    recorded = recorded_figures(report.project)
    # Each refusal is keyed by what it is about (a figure's value, or its justification), so
    # that a page shows it beside the field concerned.
    errors: dict[str, list] = {}
    cleaned_figures = {}
    for code, (raw, justification) in (figures or {}).items():
        if code not in Figure.values:
            continue
        try:
            value = _counts({code: raw}, {code}, str(Figure(code).label)).get(code)
        except ServiceError as error:
            errors[figure_error_key(code)] = error.messages
            continue
        if value is not None and value != recorded[code] and not (justification or "").strip():
            errors[figure_error_key(code, justification=True)] = [
                _(
                    "« %(label)s » : vous déclarez %(value)d alors que %(recorded)d sont "
                    "enregistrés sur les actions ; justifiez l'écart."
                )
                % {"label": Figure(code).label, "value": value, "recorded": recorded[code]}
            ]
        cleaned_figures[code] = (value, (justification or "").strip())
    if errors:
        raise ServiceError(errors)
    updated = Report.objects.filter(pk=report.pk, version=expected_version).update(
        version=F("version") + 1, updated_at=timezone.now(), **(narrative or {})
    )
    if not updated:
        raise ServiceError(
            _(
                "Le bilan a été enregistré par quelqu'un d'autre depuis que vous l'avez ouvert ; "
                "votre saisie est conservée ci-dessous, vérifiez-la et enregistrez de nouveau."
            )
        )
    for code, (value, justification) in cleaned_figures.items():
        if value is None or value == recorded[code]:
            ReportFigure.objects.filter(report=report, code=code).delete()
        else:
            ReportFigure.objects.update_or_create(
                report=report, code=code, defaults={"value": value, "justification": justification}
            )
    for category, raw in (expenses or {}).items():
        ReportExpense.objects.filter(report=report, category=category).update(actual=raw)
    report.refresh_from_db()
    return report


@transaction.atomic
def report_submit(*, report: Report, by: User, at: datetime.datetime | None = None) -> Report:
    """The applicant sends its report to the coordination."""
    return transition(report, "submit", by=by, at=at).subject


@transaction.atomic
def report_send_back(*, report: Report, by: User, reason: str) -> Report:
    """The coordination sends the report back to the applicant, saying what to rework."""
    require_perm(by, "projects.send_back_report", report)
    if not reason.strip():
        raise ServiceError(_("Dites au porteur ce qu'il doit reprendre."))
    return transition(report, "send_back", by=by, reason=reason).subject


@transaction.atomic
def report_accept(*, report: Report, by: User) -> Report:
    return transition(report, "accept", by=by).subject
