"""The projects' personal data (`core.privacy`): the reports (*bilans*) a person submitted, and
the actions, sessions and participant counts it entered.

Erasure: a report is its project's; it stays, its steps showing « compte supprimé ». An entry
stays too, without its author."""

from django.utils.translation import gettext_lazy as _

from lanterne.core import privacy

from .models import (
    Action,
    ActionSession,
    ActionSpeaker,
    EnteredBy,
    ParticipantCount,
    ReportTransition,
)


def _reports_export(user) -> list[privacy.Row]:
    steps = (
        ReportTransition.objects.filter(by=user, name="submit")
        .select_related("report__project")
        .order_by("at", "id")
    )
    return [
        {
            "project": step.report.project.title,
            "year": step.report.project.year,
            "submitted_at": step.at,
            "state": step.report.state_label,
        }
        for step in steps
    ]


def _entries_export(user) -> list[privacy.Row]:
    actions = Action.objects.filter(created_by=user).select_related("project").order_by("pk")
    # (what, the record, its action): the record is the action itself, or one of its rows.
    entries: list[tuple[object, EnteredBy, Action]] = [
        (_("action"), record, record) for record in actions
    ]
    for kind, model in (
        (_("séance"), ActionSession),
        (_("participant·es"), ParticipantCount),
        (_("intervenant·e engagé·e"), ActionSpeaker),
    ):
        records = model.objects.filter(created_by=user).select_related("action__project")
        entries += [(kind, record, record.action) for record in records.order_by("pk")]
    return [
        {
            "kind": str(kind),
            "action": action.title,
            "project": action.project.title,
            "as": record.created_as_label,
        }
        for kind, record, action in entries
    ]


def _entries_erase(user) -> int:
    return sum(
        model.objects.filter(created_by=user).update(created_by=None)
        for model in (Action, ActionSession, ParticipantCount, ActionSpeaker)
    ) + Action.objects.filter(updated_by=user).update(updated_by=None)


def _engagements_export(user) -> list[privacy.Row]:
    engagements = ActionSpeaker.objects.of_user(user).select_related("action__project")
    return [
        {
            "action": engagement.action.title,
            "project": engagement.action.project.title,
            "year": engagement.action.project.year,
        }
        for engagement in engagements.order_by("pk")
    ]


def register() -> None:
    # A speaker's engagements follow its fiche (the network's person), erased with it.
    privacy.register(
        "speaker_engagements",
        label=_("Les actions où vous êtes engagé·e comme intervenant·e"),
        columns={"action": _("action"), "project": _("projet"), "year": _("année")},
        export=_engagements_export,
        order=47,
    )
    privacy.register(
        "project_entries",
        label=_("Ce que vous avez saisi sur les actions des projets"),
        columns={
            "kind": _("saisie"),
            "action": _("action"),
            "project": _("projet"),
            "as": _("au titre de"),
        },
        export=_entries_export,
        erase=_entries_erase,
        order=46,
    )
    privacy.register(
        "reports",
        label=_("Les bilans que vous avez transmis"),
        columns={
            "project": _("projet"),
            "year": _("année"),
            "submitted_at": _("transmis le"),
            "state": _("état actuel"),
        },
        export=_reports_export,
        erase=lambda user: ReportTransition.objects.filter(by=user).count(),
        order=45,
    )
